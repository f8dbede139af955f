/** Shapes of the phrase banks the demo generator writes conversations from (one bank per language). */

export type DemoLang = 'zh' | 'en';
export type DemoQueue = 'billing' | 'refund' | 'logistics' | 'tech' | 'complaint';
export type DemoIndustry = 'ecommerce' | 'finance' | 'telecom';
/** What the agent has to ask for before it can look the case up. */
export type DemoNeed = 'order' | 'phone' | 'identity' | 'none';

/** Values a conversation keeps from start to end, so every message tells the same story. */
export type DemoSlots = {
  order: string;
  tracking: string;
  courier: string;
  product: string;
  amount: string;
  coupon: string;
  city: string;
  station: string;
  /** A day before the contact (purchase, delivery scan). */
  date: string;
  /** A day after the contact (promised delivery or fix). */
  dueDate: string;
  days: number;
  phone: string;
  email: string;
  idNumber: string;
  card: string;
  cardTail: string;
  plan: string;
  /** How the current agent names themself (小婷 / Tina). */
  agent: string;
  jobNo: string;
  /** How the agent addresses the customer (王女士 / Ms. Chen). */
  customer: string;
  /** Team the conversation is being transferred to. */
  team: string;
  queuePos: number;
};

export type Phrase = string | ((s: DemoSlots) => string);
export type Phrases = readonly Phrase[];

/** A follow-up question of the customer, the full answer, and the curt agent's version of it. */
export type DemoExchange = { ask: Phrase; answer: Phrase; short: Phrase };

export type DemoCase = {
  /** The customer's first description of the problem. */
  opening: Phrases;
  /** What the agent finds after looking it up; any of these answers any opening of the case. */
  explain: Phrases;
  /** Follow-ups only this case raises; asked before the topic's own. */
  followUps?: readonly DemoExchange[];
};

export type DemoTopic = {
  queue: DemoQueue;
  industries: readonly DemoIndustry[];
  /** ticket.category, e.g. 'refund/late' */
  category: string;
  need: DemoNeed;
  /** Variants of the problem; each pairs what the customer says with what the agent finds. */
  cases: readonly DemoCase[];
  /** Products this topic is about; default: the industry's products. */
  products?: 'gadgets';
  followUps: readonly DemoExchange[];
  /** Topic-specific anger ('怎么还没到！！！'). */
  angry: Phrases;
  solution: Phrases;
};

/** Words that fill the slots; names are drawn per customer. */
export type DemoVocab = {
  products: Record<DemoIndustry | 'gadgets', readonly string[]>;
  plans: readonly string[];
  couriers: readonly string[];
  cities: readonly string[];
  stations: readonly string[];
  surnames: readonly string[];
  givenNames: readonly string[];
  nicknames: readonly string[];
  fullName: (surname: string, given: string) => string;
  /** How an agent addresses the customer ('王女士', 'Ms. Chen'). */
  address: (surname: string, isFemale: boolean) => string;
  /** How an agent addresses a customer known only by a nickname. */
  anonymous: string;
  date: (month: number, day: number) => string;
};

export type AgentStyle = 'polite' | 'standard' | 'curt';

export type DemoPhrasebook = {
  topics: readonly DemoTopic[];
  /** Questions any case can raise ('那大概要多久？'), used when the topic's own run out. */
  genericFollowUps: readonly DemoExchange[];
  customer: {
    hello: Phrases;
    ack: Phrases;
    waiting: Phrases;
    frustrated: Phrases;
    angry: Phrases;
    threat: Phrases;
    calmed: Phrases;
    grudging: Phrases;
    giveUp: Phrases;
    askHuman: Phrases;
    botUseless: Phrases;
    noMore: Phrases;
    bye: Phrases;
    provide: Record<Exclude<DemoNeed, 'none'>, Phrases>;
    /** Extra contact details volunteered mid-conversation (e-mail, phone). */
    contact: Phrases;
    /** Text the customer adds around an e-mail (salutation, signature). */
    emailOpen: Phrases;
  };
  agent: {
    greeting: Record<AgentStyle, Phrases>;
    voiceGreeting: Phrases;
    askInfo: Record<AgentStyle, Record<Exclude<DemoNeed, 'none'>, Phrases>>;
    checking: Record<AgentStyle, Phrases>;
    voiceHold: Phrases;
    holdBack: Phrases;
    apology: Record<AgentStyle, Phrases>;
    delayApology: Phrases;
    reassure: Record<AgentStyle, Phrases>;
    noSolution: Record<AgentStyle, Phrases>;
    closingAsk: Record<AgentStyle, Phrases>;
    closing: Record<AgentStyle, Phrases>;
    forbidden: Phrases;
    /** The emoji over-user's jokey asides, sent even to angry customers. */
    laugh: Phrases;
    /** The scripted agent's canned line, pasted again and again. */
    template: Phrases;
    unsure: Phrases;
    transferOut: Phrases;
    transferInComplaint: Phrases;
    transferIn: Phrases;
    /** Prefixes a standard agent sometimes puts before an answer ('亲，'). */
    softener: Phrases;
    emailOpen: Record<AgentStyle, Phrases>;
    emailSign: Phrases;
  };
  bot: { greeting: Phrases; menu: Phrases; answer: Phrases; misunderstand: Phrases; handoff: Phrases };
  /** Survey comments; a bad one names what went wrong. */
  rating: { good: Phrases; mixed: Phrases; slow: Phrases; rude: Phrases; unresolved: Phrases; bot: Phrases };
  /** Code-mixed lines ('订单 status 是 shipped 吗'), used only for lang 'mixed'. */
  codeMixed: Phrases;
  emoji: {
    laugh: readonly string[];
    warm: readonly string[];
    polite: readonly string[];
    positive: readonly string[];
    negative: readonly string[];
    neutral: readonly string[];
  };
  vocab: DemoVocab;
  teamNames: Record<string, string>;
  /** Joins an emoji to text: Chinese writes it flush, English after a space. */
  emojiJoin: string;
};
