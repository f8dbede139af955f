import type { ConversationInput } from '../model/conversation.ts';
import { DEMO_AGENTS, DEMO_TEAMS, type DemoAgent, type DemoPersona } from './demo-agents.ts';
import { bankCard, chineseIdNumber, email, orderNumber, phone, trackingNumber } from './demo-identifiers.ts';
import type {
  AgentStyle,
  DemoCase,
  DemoExchange,
  DemoIndustry,
  DemoLang,
  DemoNeed,
  DemoPhrasebook,
  DemoQueue,
  DemoSlots,
  DemoTopic,
  Phrase,
  Phrases,
} from './demo-phrasebook.ts';
import { EN_PHRASES } from './demo-phrases-en.ts';
import { ZH_PHRASES } from './demo-phrases-zh.ts';
import {
  ArrivalSchedule,
  DAY_MS,
  type DemoZone,
  HOUR_MS,
  IsoFormatter,
  localClock,
  MINUTE_MS,
  zonesFor,
} from './demo-time.ts';
import { mixSeed, Prng } from './prng.ts';

export type DemoOptions = {
  conversations: number;
  seed: number;
  lang: 'zh' | 'en' | 'mixed';
  /** Epoch ms of the first day; default 2025-03-03T00:00:00+08:00 (a Monday). */
  startAt?: number;
  /** Conversations are spread over this many days; default 28. */
  days?: number;
};

export const DEMO_DEFAULT_START_AT = Date.UTC(2025, 2, 2, 16, 0, 0);
export const DEMO_DEFAULT_DAYS = 28;

type DemoChannel = 'chat' | 'miniprogram' | 'voice' | 'email' | 'social' | 'sms';
type Role = 'customer' | 'agent' | 'bot';
type MessageOut = {
  id: string;
  at: string;
  role: Role;
  authorId?: string;
  text: string;
  durationMs?: number;
};
type EventOut = { at: string; type: string; agentId?: string; data?: Record<string, unknown> };

/** How a persona behaves; every number is a chance per opportunity unless named otherwise. */
type Behaviour = {
  style: AgentStyle;
  greet: number;
  apologise: number;
  emoji: number;
  emojiPool: 'laugh' | 'warm' | 'polite';
  /** Typical chat reply delay, seconds (median of a log-normal). */
  replySec: number;
  /** Typical e-mail reply delay, hours. */
  emailHours: number;
  solve: number;
  closeAsk: number;
  close: number;
  forbidden: number;
  unsure: number;
  transfer: number;
  template: number;
};

const BEHAVIOUR: Record<Exclude<DemoPersona, 'bot'>, Behaviour> = {
  'polite-expert': {
    style: 'polite',
    greet: 1,
    apologise: 0.95,
    emoji: 0.03,
    emojiPool: 'polite',
    replySec: 18,
    emailHours: 2.5,
    solve: 0.92,
    closeAsk: 0.95,
    close: 1,
    forbidden: 0,
    unsure: 0,
    transfer: 0,
    template: 0,
  },
  standard: {
    style: 'standard',
    greet: 0.85,
    apologise: 0.55,
    emoji: 0.06,
    emojiPool: 'warm',
    replySec: 28,
    emailHours: 5,
    solve: 0.75,
    closeAsk: 0.55,
    close: 0.5,
    forbidden: 0.01,
    unsure: 0.03,
    transfer: 0.02,
    template: 0,
  },
  warm: {
    style: 'standard',
    greet: 0.95,
    apologise: 0.75,
    emoji: 0.3,
    emojiPool: 'warm',
    replySec: 22,
    emailHours: 4,
    solve: 0.8,
    closeAsk: 0.7,
    close: 0.75,
    forbidden: 0,
    unsure: 0.02,
    transfer: 0.02,
    template: 0,
  },
  'emoji-overuser': {
    style: 'standard',
    greet: 0.85,
    apologise: 0.35,
    emoji: 0.8,
    emojiPool: 'laugh',
    replySec: 14,
    emailHours: 4,
    solve: 0.7,
    closeAsk: 0.5,
    close: 0.55,
    forbidden: 0.02,
    unsure: 0.02,
    transfer: 0.02,
    template: 0,
  },
  'slow-responder': {
    style: 'standard',
    greet: 0.75,
    apologise: 0.35,
    emoji: 0.04,
    emojiPool: 'warm',
    replySec: 200,
    emailHours: 18,
    solve: 0.62,
    closeAsk: 0.45,
    close: 0.45,
    forbidden: 0.02,
    unsure: 0.03,
    transfer: 0.03,
    template: 0,
  },
  curt: {
    style: 'curt',
    greet: 0.08,
    apologise: 0.08,
    emoji: 0,
    emojiPool: 'warm',
    replySec: 12,
    emailHours: 6,
    solve: 0.5,
    closeAsk: 0.15,
    close: 0.1,
    forbidden: 0.35,
    unsure: 0,
    transfer: 0.03,
    template: 0,
  },
  newbie: {
    style: 'standard',
    greet: 0.9,
    apologise: 0.6,
    emoji: 0.08,
    emojiPool: 'warm',
    replySec: 55,
    emailHours: 9,
    solve: 0.5,
    closeAsk: 0.6,
    close: 0.55,
    forbidden: 0,
    unsure: 0.45,
    transfer: 0.3,
    template: 0,
  },
  scripted: {
    style: 'standard',
    greet: 1,
    apologise: 0.5,
    emoji: 0.1,
    emojiPool: 'warm',
    replySec: 9,
    emailHours: 3,
    solve: 0.6,
    closeAsk: 0.7,
    close: 0.7,
    forbidden: 0,
    unsure: 0,
    transfer: 0.02,
    template: 0.5,
  },
};

const MAX_LINES = 40;
const MESSAGE_IDS: readonly string[] = Array.from({ length: MAX_LINES + 8 }, (_, i) => `m${i + 1}`);
const BOT = DEMO_AGENTS.find((a) => a.isBot) as DemoAgent;
const HUMANS = DEMO_AGENTS.filter((a) => !a.isBot);
const COMPLAINTS_TEAM = 't-complaints';

const INDUSTRIES: readonly DemoIndustry[] = ['ecommerce', 'telecom', 'finance'];
const INDUSTRY_WEIGHTS = [0.75, 0.13, 0.12];
const QUEUE_WEIGHTS: Record<DemoIndustry, Record<DemoQueue, number>> = {
  ecommerce: { logistics: 0.32, refund: 0.25, billing: 0.12, tech: 0.18, complaint: 0.13 },
  telecom: { logistics: 0, refund: 0.1, billing: 0.4, tech: 0.35, complaint: 0.15 },
  finance: { logistics: 0, refund: 0.1, billing: 0.5, tech: 0.25, complaint: 0.15 },
};
const CHANNELS: readonly DemoChannel[] = ['chat', 'miniprogram', 'voice', 'email', 'social', 'sms'];
const CHANNEL_WEIGHTS: Record<DemoLang, readonly number[]> = {
  zh: [0.5, 0.15, 0.13, 0.07, 0.08, 0.07],
  en: [0.58, 0, 0.14, 0.15, 0.08, 0.05],
};
/** How much emoji each channel carries relative to chat. */
const EMOJI_FACTOR: Record<DemoChannel, number> = {
  chat: 1,
  miniprogram: 1,
  social: 1.2,
  sms: 0.4,
  email: 0.25,
  voice: 0,
};
/** A normal agent reply delay per channel (ms), to judge slowness independent of channel. */
const EXPECTED_REPLY_MS: Record<DemoChannel, number> = {
  chat: 35_000,
  miniprogram: 35_000,
  social: 12 * MINUTE_MS,
  sms: 6 * MINUTE_MS,
  email: 6 * HOUR_MS,
  voice: 2_000,
};

const PHRASEBOOKS: Record<DemoLang, DemoPhrasebook> = { zh: ZH_PHRASES, en: EN_PHRASES };

type TopicTable = { topics: readonly DemoTopic[]; weights: readonly number[] };

/** Topics per (language, industry), weighted so each queue gets its share whatever its topic count. */
const TOPIC_TABLES: Record<DemoLang, Record<DemoIndustry, TopicTable>> = {
  zh: topicTables(ZH_PHRASES),
  en: topicTables(EN_PHRASES),
};

function topicTables(book: DemoPhrasebook): Record<DemoIndustry, TopicTable> {
  const out = {} as Record<DemoIndustry, TopicTable>;
  for (const industry of INDUSTRIES) {
    const topics = book.topics.filter((t) => t.industries.includes(industry));
    const perQueue = new Map<DemoQueue, number>();
    for (const t of topics) perQueue.set(t.queue, (perQueue.get(t.queue) ?? 0) + 1);
    const weights = topics.map((t) => QUEUE_WEIGHTS[industry][t.queue] / (perQueue.get(t.queue) ?? 1));
    out[industry] = { topics, weights };
  }
  return out;
}

const AGENTS_BY_TEAM = new Map<string, readonly DemoAgent[]>(
  DEMO_TEAMS.map((t) => [t.id, HUMANS.filter((a) => a.team === t.id)]),
);

function teamOf(queue: DemoQueue): string {
  return (DEMO_TEAMS.find((t) => t.queues.includes(queue)) ?? DEMO_TEAMS[0])?.id as string;
}

function behaviourOf(agent: DemoAgent): Behaviour {
  return BEHAVIOUR[agent.persona as Exclude<DemoPersona, 'bot'>];
}

type RunContext = { seed: number; customerPool: number; isMixed: boolean };

/**
 * Streams realistic synthetic customer-service conversations in the canonical import format (DESIGN §4).
 * The same options always give the same output; memory stays constant however many are asked for.
 */
export function* generateDemo(options: DemoOptions): Generator<ConversationInput> {
  const { conversations, seed, lang } = options;
  if (!Number.isInteger(conversations) || conversations < 0) {
    throw new RangeError(`conversations must be a non-negative integer, got ${conversations}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  if (lang !== 'zh' && lang !== 'en' && lang !== 'mixed') {
    throw new RangeError(`lang must be zh, en or mixed, got ${String(lang)}`);
  }
  const days = options.days ?? DEMO_DEFAULT_DAYS;
  if (!(days > 0)) throw new RangeError(`days must be positive, got ${days}`);
  const startAt = options.startAt ?? DEMO_DEFAULT_START_AT;
  if (!Number.isFinite(startAt)) throw new RangeError(`startAt must be epoch milliseconds, got ${startAt}`);
  if (conversations === 0) return;

  const schedule = new ArrivalSchedule(startAt, days, zonesFor(lang), conversations);
  // Drawing customers from a pool 1.6× the run size makes roughly one contact in four a returning customer.
  const run: RunContext = {
    seed,
    customerPool: Math.max(20, Math.ceil(conversations * 1.6)),
    isMixed: lang === 'mixed',
  };
  for (let i = 0; i < conversations; i++) {
    const rng = new Prng(mixSeed(seed, i));
    const start = schedule.next(i, rng.next(), rng.next());
    yield new ConversationWriter(i, rng, start.at, start.zone, run).build();
  }
}

function render(phrase: Phrase, slots: DemoSlots): string {
  return typeof phrase === 'string' ? phrase : phrase(slots);
}

type Customer = { id: string; name: string; address: string; vip: boolean };

/** Customers are drawn from a pool and rebuilt from their own seed, so a returning customer keeps name and VIP. */
function customerFor(run: RunContext, book: DemoPhrasebook, lang: DemoLang, rng: Prng): Customer {
  const index = Math.floor(rng.next() * run.customerPool) * 2 + (lang === 'en' ? 1 : 0);
  const c = new Prng(mixSeed(run.seed ^ 0x5bd1e995, index));
  const v = book.vocab;
  const surname = c.pick(v.surnames);
  const isFemale = c.chance(0.55);
  const r = c.next();
  const isNickname = r >= 0.8;
  const name =
    r < 0.55
      ? v.fullName(surname, c.pick(v.givenNames))
      : isNickname
        ? c.pick(v.nicknames)
        : v.address(surname, isFemale);
  // Behind a nickname the agent does not know the surname.
  const address = isNickname ? v.anonymous : v.address(surname, isFemale);
  return { id: `u-${100000 + index}`, name, address, vip: c.chance(0.08) };
}

class ConversationWriter {
  private readonly book: DemoPhrasebook;
  private readonly lang: DemoLang;
  private readonly fmt: IsoFormatter;
  private readonly channel: DemoChannel;
  private readonly isVoice: boolean;
  private readonly isEmail: boolean;
  private readonly isChatLike: boolean;
  private readonly industry: DemoIndustry;
  private readonly topic: DemoTopic;
  private readonly case: DemoCase;
  private readonly followUps: readonly DemoExchange[];
  /** What the agent asks for; outside e-commerce an "order" is found by phone (telecom) or identity (finance). */
  private readonly need: DemoNeed;
  private readonly slots: DemoSlots;
  private readonly customer: Customer;
  private readonly target: number;
  private readonly messages: MessageOut[] = [];
  private readonly events: EventOut[] = [];
  private readonly agentsSeen: DemoAgent[] = [];
  private readonly said = new Set<string>();
  private agent: DemoAgent;
  private beh: Behaviour;
  private lines = 0;
  private lastAt = 0;
  private lastEnd = 0;
  private lastRole: Role | undefined;
  private waitingSince = Number.NaN;
  private responseSum = 0;
  private responseCount = 0;
  private mood: number;
  private threats = 0;
  private forbiddenCount = 0;
  private hasGreeted = false;
  private hasApologised = false;
  private hasLaughedAtAnger = false;
  private isSolved = false;
  private hasGivenContact = false;
  /** Once the case is being wrapped up, customers no longer nudge a slow agent. */
  private isWrappingUp = false;
  private hasBot = false;
  private transferReason: string | undefined;
  private followUpsUsed = 0;
  private readonly followUpStart: number;

  constructor(
    private readonly index: number,
    private readonly rng: Prng,
    private readonly startMs: number,
    private readonly zone: DemoZone,
    private readonly run: RunContext,
  ) {
    this.lang = zone.lang;
    this.book = PHRASEBOOKS[zone.lang];
    this.fmt = new IsoFormatter(zone.offsetMin);
    this.industry = INDUSTRIES[rng.weighted(INDUSTRY_WEIGHTS)] as DemoIndustry;
    const table = TOPIC_TABLES[this.lang][this.industry];
    this.topic = table.topics[rng.weighted(table.weights)] as DemoTopic;
    this.case = rng.pick(this.topic.cases);
    const need = this.topic.need;
    this.need =
      need !== 'order' || this.industry === 'ecommerce'
        ? need
        : this.industry === 'telecom'
          ? 'phone'
          : 'identity';
    this.followUps = this.case.followUps
      ? [...this.case.followUps, ...this.topic.followUps]
      : this.topic.followUps;
    this.channel = CHANNELS[rng.weighted(CHANNEL_WEIGHTS[this.lang])] as DemoChannel;
    this.isVoice = this.channel === 'voice';
    this.isEmail = this.channel === 'email';
    this.isChatLike = this.channel === 'chat' || this.channel === 'miniprogram';
    this.customer = customerFor(run, this.book, this.lang, rng);
    this.agent = rng.pick(AGENTS_BY_TEAM.get(teamOf(this.topic.queue)) ?? HUMANS);
    this.beh = behaviourOf(this.agent);
    this.agentsSeen.push(this.agent);
    this.slots = this.makeSlots();
    this.followUpStart = rng.int(0, 7);
    // Most contacts start calm; complaints and social posts start hotter.
    const r = rng.next();
    this.mood = r < 0.55 ? 0 : r < 0.85 ? 1 : 2;
    if (this.topic.queue === 'complaint') this.mood += 1;
    if (this.channel === 'social') this.mood += 0.5;
    this.target = this.pickTarget();
  }

  private makeSlots(): DemoSlots {
    const { rng, lang, industry } = this;
    const v = this.book.vocab;
    const courier = rng.pick(v.couriers);
    const card = bankCard(rng, lang);
    // Calendar days at the customer's offset: shift the instant, then read it as UTC.
    const localStart = this.startMs + this.zone.offsetMin * MINUTE_MS;
    const past = new Date(localStart - rng.int(1, 6) * DAY_MS);
    const due = new Date(localStart + rng.int(1, 5) * DAY_MS);
    return {
      order: orderNumber(rng, lang, industry),
      tracking: trackingNumber(rng, courier),
      courier,
      product: rng.pick(v.products[this.topic.products ?? industry]),
      amount:
        lang === 'zh'
          ? String(rng.pick([39, 59, 88, 99, 128, 199, 259, 368, 499, 899, 1299]))
          : `${rng.int(9, 399)}.${rng.pick(['00', '99', '49'])}`,
      coupon: String(rng.pick([5, 10, 20, 30, 50])),
      city: rng.pick(v.cities),
      station: rng.pick(v.stations),
      date: v.date(past.getUTCMonth() + 1, past.getUTCDate()),
      dueDate: v.date(due.getUTCMonth() + 1, due.getUTCDate()),
      days: rng.int(2, 7),
      phone: phone(rng, lang),
      email: email(rng, lang),
      idNumber: chineseIdNumber(rng),
      card,
      cardTail: card.slice(-4),
      plan: rng.pick(v.plans),
      agent: lang === 'zh' ? this.agent.nick : this.agent.alias,
      jobNo: this.agent.jobNo,
      customer: this.customer.address,
      team: '',
      queuePos: rng.int(1, 12),
    };
  }

  /** Lines to aim for: chats and calls ≈ 20 messages (4–40), SMS and e-mail threads shorter. */
  private pickTarget(): number {
    const { rng } = this;
    if (this.channel === 'sms') return rng.int(4, 14);
    // E-mail lines merge into one message per turn, so more lines give 4–10 e-mails.
    if (this.isEmail) return rng.int(6, 14);
    return Math.max(4, Math.min(40, Math.round(rng.logNormal(24, 0.4))));
  }

  /** A line from `bank`, avoiding lines already said in this conversation while the bank has others. */
  private text(bank: Phrases): string {
    let out = render(this.rng.pick(bank), this.slots);
    for (let tries = 0; tries < 3 && bank.length > 1 && this.said.has(out); tries++) {
      out = render(this.rng.pick(bank), this.slots);
    }
    this.said.add(out);
    return out;
  }

  private room(): number {
    return this.target - this.lines;
  }

  /**
   * Another exchange fits when the target is not reached and, at worst, one more exchange (≤ 7 lines)
   * and the wrap-up (≤ 7 lines) still stay within MAX_LINES.
   */
  private hasRoomForExchange(): boolean {
    return this.room() > 6 && this.lines <= MAX_LINES - 14;
  }

  // ---- message timing -------------------------------------------------------------------------

  private isNight(ms: number): boolean {
    const h = localClock(ms, this.zone.offsetMin).hour;
    return h < 8 || h >= 23;
  }

  /** Typing time grows with text length; Chinese characters carry more per keystroke than letters. */
  private typingMs(text: string, perChar: number): number {
    return text.length * (this.lang === 'zh' ? perChar : perChar / 4);
  }

  private customerGap(text: string): number {
    const { rng } = this;
    if (this.messages.length === 0) return 0;
    const isBurst = this.lastRole === 'customer';
    switch (this.channel) {
      case 'voice': {
        if (isBurst) return rng.range(200, 900);
        const overlapChance = this.mood >= 1.8 ? 0.3 : 0.05;
        // Interruptions: the customer starts before the agent has finished.
        if (rng.chance(overlapChance)) return -rng.range(300, 1500);
        return rng.range(300, 1800);
      }
      case 'email':
        return Math.min(3 * DAY_MS, Math.max(20 * MINUTE_MS, rng.logNormal(5 * HOUR_MS, 0.8)));
      case 'sms':
        return isBurst ? rng.range(20_000, 90_000) : rng.logNormal(4 * MINUTE_MS, 0.7);
      case 'social':
        return isBurst ? rng.range(10_000, 60_000) : rng.logNormal(6 * MINUTE_MS, 0.7);
      default: {
        if (isBurst) return rng.range(2_000, 10_000) + this.typingMs(text, 250);
        if (rng.chance(0.04)) return rng.range(3, 15) * MINUTE_MS;
        const think = rng.logNormal(this.mood >= 2 ? 7_000 : 14_000, 0.6);
        return Math.min(8 * MINUTE_MS, Math.max(2_000, think + this.typingMs(text, 350)));
      }
    }
  }

  private agentGap(text: string): number {
    const { rng, beh } = this;
    const isBurst = this.lastRole === 'agent';
    const isSlow = this.agent.persona === 'slow-responder';
    switch (this.channel) {
      case 'voice':
        if (isBurst) return rng.range(200, 800);
        // Silences: agents looking something up; the slow responder more often and longer.
        if (rng.chance(isSlow ? 0.3 : 0.06)) return rng.range(4_000, isSlow ? 15_000 : 10_000);
        return rng.range(400, isSlow ? 3_000 : 1_500);
      case 'email':
        return Math.max(10 * MINUTE_MS, rng.logNormal(beh.emailHours * HOUR_MS, 0.6));
      case 'sms':
        return isBurst ? rng.range(15_000, 60_000) : rng.logNormal(beh.replySec * 10_000, 0.6);
      case 'social':
        return isBurst ? rng.range(10_000, 40_000) : rng.logNormal(beh.replySec * 20_000, 0.6);
      default: {
        if (isBurst) return rng.range(3_000, 12_000) + this.typingMs(text, 120);
        // The slow responder answers after 2–5 minutes most of the time.
        const base =
          isSlow && rng.chance(0.85) ? rng.range(120_000, 300_000) : rng.logNormal(beh.replySec * 1000, 0.5);
        const night = this.isNight(this.lastAt) ? 1.4 : 1;
        return Math.max(3_000, base * night + this.typingMs(text, 100));
      }
    }
  }

  /** Moves an e-mail reply into working hours; weekends are covered only sometimes. */
  private workingTime(ms: number): number {
    const { rng } = this;
    let t = ms;
    for (let i = 0; i < 4; i++) {
      const c = localClock(t, this.zone.offsetMin);
      const isWeekend = c.weekday === 0 || c.weekday === 6;
      if (c.hour < 9) t = c.dayStart + 9 * HOUR_MS + rng.range(0, 2 * HOUR_MS);
      else if (c.hour >= 21) t = c.dayStart + DAY_MS + 9 * HOUR_MS + rng.range(0, 2 * HOUR_MS);
      else if (isWeekend && rng.chance(0.6)) t = c.dayStart + DAY_MS;
      else return t;
    }
    return t;
  }

  // ---- writing messages -----------------------------------------------------------------------

  private say(role: Role, authorId: string | undefined, text: string, gap: number): void {
    this.lines++;
    const last = this.messages[this.messages.length - 1];
    // An e-mail is one message per turn: consecutive lines of one author form one mail.
    if (this.isEmail && last && last.role === role && last.authorId === authorId) {
      last.text += `\n\n${text}`;
      return;
    }
    if (this.isEmail && last) this.finishEmail(last);
    let at: number;
    if (!last) at = this.isVoice ? Math.round(this.startMs + gap) : this.startMs;
    else if (this.isVoice) at = Math.max(this.lastAt + 300, Math.round(this.lastEnd + gap));
    else at = Math.max(this.lastAt, Math.round((this.lastAt + gap) / 1000) * 1000);
    if (this.isEmail && role === 'agent') at = Math.round(this.workingTime(at) / 1000) * 1000;
    const msg: MessageOut = {
      id: MESSAGE_IDS[this.messages.length] as string,
      at: this.fmt.format(at, this.isVoice),
      role,
      authorId,
      text: this.isEmail ? this.emailStart(role, text) : text,
    };
    this.lastEnd = at;
    if (this.isVoice) {
      // Speech rate: ~4–5 Chinese characters or ~13–16 English characters per second.
      const perSec = this.lang === 'zh' ? this.rng.range(3.8, 5.2) : this.rng.range(12, 16);
      const durationMs = Math.max(600, Math.round((text.length / perSec) * 1000 + 250));
      msg.durationMs = durationMs;
      this.lastEnd = at + durationMs;
    }
    if (role === 'customer') {
      if (Number.isNaN(this.waitingSince)) this.waitingSince = at;
    } else if (role === 'agent') {
      if (!Number.isNaN(this.waitingSince)) {
        this.responseSum += at - this.waitingSince;
        this.responseCount++;
      }
      this.waitingSince = Number.NaN;
    } else {
      this.waitingSince = Number.NaN;
    }
    this.messages.push(msg);
    this.lastAt = at;
    this.lastRole = role;
  }

  private emailStart(role: Role, text: string): string {
    if (role === 'customer') {
      return this.rng.chance(0.6) ? `${this.text(this.book.customer.emailOpen)}\n\n${text}` : text;
    }
    const open = this.text(this.book.agent.emailOpen[this.beh.style]);
    return open ? `${open}\n\n${text}` : text;
  }

  private finishEmail(msg: MessageOut): void {
    if (msg.role === 'agent' && this.beh.style !== 'curt')
      msg.text += `\n\n${this.text(this.book.agent.emailSign)}`;
    else if (msg.role === 'customer' && this.rng.chance(0.5)) msg.text += `\n\n${this.customer.name}`;
  }

  /** Appends an emoji from `pool`; call transcripts carry none. */
  private withEmoji(text: string, pool: readonly string[]): string {
    if (this.isVoice) return text;
    return text + this.book.emojiJoin + this.rng.pick(pool);
  }

  private customerSays(text: string, tone: 'positive' | 'negative' | 'neutral' = 'neutral'): void {
    const { rng } = this;
    let out = text;
    if (this.run.isMixed && this.lang === 'zh' && tone === 'neutral' && rng.chance(0.08)) {
      out = this.text(this.book.codeMixed);
    }
    const p = (tone === 'positive' ? 0.45 : tone === 'negative' ? 0.28 : 0.06) * EMOJI_FACTOR[this.channel];
    if (rng.chance(p)) out = this.withEmoji(out, this.book.emoji[tone]);
    this.say('customer', undefined, out, this.customerGap(out));
  }

  private agentSays(raw: string, gapOverride?: number): void {
    const { rng, beh } = this;
    let text = raw;
    if (rng.chance(beh.emoji * EMOJI_FACTOR[this.channel])) {
      if (beh.emojiPool === 'laugh' && this.mood >= 1.5) this.hasLaughedAtAnger = true;
      text = this.withEmoji(text, this.book.emoji[beh.emojiPool]);
    }
    let gap = gapOverride ?? this.agentGap(text);
    // Customers left waiting in chat ask whether anyone is there.
    if (
      this.isChatLike &&
      !this.isWrappingUp &&
      this.lastRole === 'customer' &&
      gap > 100_000 &&
      rng.chance(0.5)
    ) {
      const part = gap * rng.range(0.4, 0.7);
      this.say('customer', undefined, this.text(this.book.customer.waiting), part);
      gap -= part;
      this.mood += 0.3;
      if (rng.chance(0.3))
        text = `${this.text(this.book.agent.delayApology)}${this.lang === 'zh' ? '，' : '. '}${text}`;
    }
    this.say('agent', this.agent.id, text, gap);
  }

  private botSays(text: string): void {
    this.say('bot', BOT.id, text, this.rng.range(800, 2500));
  }

  private event(type: string, at: number, agentId?: string, data?: Record<string, unknown>): void {
    const e: EventOut = { at: this.fmt.format(Math.round(at), this.isVoice), type };
    if (agentId) e.agentId = agentId;
    if (data) e.data = data;
    this.events.push(e);
  }

  private queueWait(): number {
    const { rng } = this;
    if (this.isEmail) return rng.range(1, 20) * MINUTE_MS;
    if (this.channel === 'sms' || this.channel === 'social') return rng.range(1, 10) * MINUTE_MS;
    return Math.min(10 * MINUTE_MS, rng.logNormal(this.isNight(this.lastAt) ? 40_000 : 15_000, 0.8));
  }

  // ---- the conversation -----------------------------------------------------------------------

  build(): ConversationInput {
    this.opening();
    this.investigate();
    this.middle();
    this.resolve();
    this.closing();
    return this.record();
  }

  private opening(): void {
    const { rng, book, beh } = this;
    const c = book.customer;
    const agentData = { queue: this.topic.queue, team: this.agent.team };
    if (this.isVoice) {
      // A call: routing assigns the agent, who speaks first.
      this.event('assign', this.startMs, this.agent.id, agentData);
      this.agentSays(this.text(book.agent.voiceGreeting), rng.range(500, 2_000));
      this.hasGreeted = true;
      this.customerSays(this.text(this.case.opening), this.mood >= 2 ? 'negative' : 'neutral');
      if (this.mood >= 2 && rng.chance(0.5)) this.customerSays(this.text(this.topic.angry), 'negative');
      return;
    }
    this.hasBot = this.isChatLike && this.topic.queue !== 'complaint' && this.target >= 12 && rng.chance(0.4);
    if (this.hasBot) {
      this.event('assign', this.startMs, BOT.id, { queue: this.topic.queue });
      this.customerSays(this.text(this.case.opening));
      const hasMenu = rng.chance(0.5);
      this.botSays(this.text(hasMenu ? book.bot.menu : book.bot.greeting));
      if (rng.chance(0.5)) {
        this.customerSays(this.text(c.askHuman));
      } else {
        // Picking a menu item (or repeating the question) gets a canned answer that misses the point.
        const reply = hasMenu ? String(rng.int(1, 3)) : this.text(this.case.opening);
        this.say('customer', undefined, reply, this.customerGap(reply));
        this.botSays(this.text(hasMenu || rng.chance(0.5) ? book.bot.answer : book.bot.misunderstand));
        this.customerSays(this.text(c.botUseless), 'negative');
      }
      this.botSays(this.text(book.bot.handoff));
      this.mood += 0.2;
      this.event('handoff', this.lastAt + 500, this.agent.id, { from: BOT.id });
    } else if (this.isChatLike && this.target >= 8 && rng.chance(0.25)) {
      this.customerSays(this.text(c.hello));
      this.assignAndGreet(agentData, true);
      this.customerSays(this.text(this.case.opening), this.mood >= 2 ? 'negative' : 'neutral');
      return;
    } else {
      this.customerSays(this.text(this.case.opening), this.mood >= 2 ? 'negative' : 'neutral');
      if (this.mood >= 2 && this.target >= 8 && rng.chance(0.5))
        this.customerSays(this.text(this.topic.angry), 'negative');
    }
    this.assignAndGreet(agentData, false);
    if (this.mood >= 1 && rng.chance(beh.apologise)) this.apologise();
  }

  /** Routing assigns the agent after a queue wait; the agent greets (or, if curt, answers a bare hello). */
  private assignAndGreet(agentData: Record<string, unknown>, isAnsweringHello: boolean): void {
    const wait = this.queueWait();
    this.event('assign', this.lastAt + wait, this.agent.id, agentData);
    const greet = this.beh.style !== 'curt' && this.rng.chance(this.beh.greet);
    // In e-mail the salutation is the greeting.
    if (this.isEmail) this.hasGreeted = this.beh.style !== 'curt';
    else if (greet || isAnsweringHello) {
      const text = this.text(this.book.agent.greeting[greet ? this.beh.style : 'curt']);
      this.agentSays(text, wait + this.agentGap(text));
      this.hasGreeted = greet;
    }
  }

  private apologise(): void {
    this.agentSays(this.text(this.book.agent.apology[this.beh.style]));
    this.hasApologised = true;
    this.mood = Math.max(0, this.mood - 0.4);
  }

  private investigate(): void {
    const { rng, book, beh } = this;
    const agent = book.agent;
    const isFirstAgentTurn = this.lastRole !== 'agent' && !this.messages.some((m) => m.role === 'agent');
    const need = this.need;
    if (need !== 'none' && this.room() >= 6) {
      if (rng.chance(beh.unsure)) this.agentSays(this.text(agent.unsure));
      this.agentSays(this.text(agent.askInfo[beh.style][need]));
      this.customerSays(this.text(book.customer.provide[need]));
    } else if (isFirstAgentTurn) {
      // Nothing to look up: the first agent message answers straight away.
      this.agentSays(this.text(this.case.explain));
      return;
    }
    if (this.isVoice && rng.chance(0.6)) {
      this.agentSays(this.text(agent.voiceHold));
      const hold = rng.range(20_000, 90_000);
      this.event('hold', this.lastEnd + 300, this.agent.id, { durationSec: Math.round(hold / 1000) });
      this.agentSays(`${this.text(agent.holdBack)}${this.text(this.case.explain)}`, hold);
      return;
    }
    if (this.isEmail) {
      this.agentSays(this.text(this.case.explain));
      return;
    }
    this.agentSays(this.text(agent.checking[beh.style]));
    // Looking the case up takes a while, longer than an ordinary follow-up line.
    const lookUp = this.isVoice ? rng.range(3_000, 12_000) : rng.range(15_000, 90_000);
    this.agentSays(this.text(this.case.explain), lookUp);
  }

  /** The case's and topic's own questions first (case first, topic order rotated), then generic ones. */
  private nextFollowUp(): DemoExchange {
    const own = this.followUps;
    const n = this.followUpsUsed++;
    const caseCount = this.case.followUps?.length ?? 0;
    if (n < caseCount) return own[n] as DemoExchange;
    if (n < own.length) {
      const topicCount = own.length - caseCount;
      return own[caseCount + ((this.followUpStart + n) % topicCount)] as DemoExchange;
    }
    const generic = this.book.genericFollowUps;
    return generic[(this.followUpStart + n) % generic.length] as DemoExchange;
  }

  private middle(): void {
    const { rng, book } = this;
    while (this.hasRoomForExchange()) {
      if (this.maybeTransfer()) continue;
      const r = rng.next();
      if (this.mood >= 1.6) {
        this.customerUpset();
        this.respondToUpset();
      } else if (r < 0.6) {
        this.ask(this.nextFollowUp());
      } else if (r < 0.78) {
        this.customerSays(this.text(this.mood >= 0.8 ? book.customer.frustrated : book.customer.ack));
        this.agentSays(this.text(book.agent.reassure[this.beh.style]));
        this.mood += this.beh.style === 'curt' ? 0.3 : -0.1;
      } else if (r < 0.86 && !this.hasGivenContact) {
        this.hasGivenContact = true;
        this.customerSays(this.text(book.customer.contact));
        this.agentSays(
          this.text(this.isEmail ? book.agent.reassure[this.beh.style] : book.agent.checking[this.beh.style]),
        );
      } else {
        // Waiting without news wears patience down, faster with agents who say little.
        this.customerSays(this.text(book.customer.frustrated), 'negative');
        this.mood += 0.5;
        this.respondToUpset();
      }
      if (this.agent.persona === 'scripted' && rng.chance(this.beh.template)) {
        this.agentSays(render(rng.pick(book.agent.template), this.slots));
        this.mood += 0.25;
      }
      if (this.agent.persona === 'emoji-overuser' && rng.chance(0.25)) {
        this.agentSays(this.withEmoji(this.text(book.agent.laugh), book.emoji.laugh));
        if (this.mood >= 1.5) this.hasLaughedAtAnger = true;
      }
    }
  }

  private ask(ex: DemoExchange): void {
    const { rng, beh } = this;
    const question = render(ex.ask, this.slots);
    this.customerSays(question);
    if (beh.style === 'curt') {
      this.agentSays(render(ex.short, this.slots));
      this.mood += 0.15;
      return;
    }
    const text = render(ex.answer, this.slots);
    const isQuestion = question.endsWith('?') || question.endsWith('？');
    const soften = isQuestion && beh.style === 'standard' && rng.chance(0.2);
    this.agentSays(soften ? this.text(this.book.agent.softener) + text : text);
    this.mood = Math.max(0, this.mood - 0.15);
  }

  private customerUpset(): void {
    const { rng, book, topic } = this;
    if (this.mood >= 2.6 && this.threats < 2 && rng.chance(0.55)) {
      this.threats++;
      this.customerSays(this.text(book.customer.threat), 'negative');
    } else if (this.mood >= 2) {
      this.customerSays(this.text(rng.chance(0.5) ? topic.angry : book.customer.angry), 'negative');
    } else {
      this.customerSays(this.text(book.customer.frustrated), 'negative');
    }
    if (rng.chance(0.3) && this.room() > 3) {
      // A second message in a row: more anger, or nothing but an angry face.
      const text = rng.chance(0.3) ? rng.pick(book.emoji.negative) : this.text(book.customer.angry);
      this.say('customer', undefined, text, this.customerGap(text));
    }
  }

  private respondToUpset(): void {
    const { rng, book, beh } = this;
    if (rng.chance(beh.forbidden * 0.6) && this.forbiddenCount < 2) {
      this.agentSays(this.text(book.agent.forbidden));
      this.forbiddenCount++;
      this.mood += 1;
      return;
    }
    if (rng.chance(beh.apologise)) this.apologise();
    if (this.agent.persona === 'emoji-overuser' && rng.chance(0.5)) {
      this.agentSays(this.withEmoji(this.text(book.agent.laugh), book.emoji.laugh));
      this.hasLaughedAtAnger = true;
      this.mood += 0.35;
      return;
    }
    if (this.agent.persona === 'scripted' && rng.chance(beh.template)) {
      this.agentSays(render(rng.pick(book.agent.template), this.slots));
      this.mood += 0.3;
      return;
    }
    this.agentSays(this.text(book.agent.reassure[beh.style]));
    this.mood += beh.style === 'curt' ? 0.25 : -0.15;
  }

  /** At most one transfer: escalation of an angry customer, a newbie asking for help, or the wrong queue. */
  private maybeTransfer(): boolean {
    const { rng } = this;
    if (this.transferReason || this.room() < 8) return false;
    let reason: string | undefined;
    let team = this.agent.team;
    if (this.mood >= 2.4 && this.agent.team !== COMPLAINTS_TEAM && rng.chance(0.45)) {
      reason = 'escalation';
      team = COMPLAINTS_TEAM;
    } else if (rng.chance(this.beh.transfer * 0.5)) {
      reason = this.agent.persona === 'newbie' ? 'assist' : 'wrong-queue';
      if (reason === 'wrong-queue') team = rng.pick(DEMO_TEAMS.filter((t) => t.id !== this.agent.team)).id;
    }
    if (!reason) return false;
    const candidates = (AGENTS_BY_TEAM.get(team) ?? HUMANS).filter((a) => a.id !== this.agent.id);
    // A newbie hands over to the team's expert when there is one.
    const expert = candidates.find((a) => a.persona === 'polite-expert');
    const next = reason === 'assist' && expert ? expert : rng.pick(candidates);
    this.slots.team = this.book.teamNames[team] ?? team;
    this.agentSays(this.text(this.book.agent.transferOut));
    const from = this.agent;
    const wait = this.isEmail ? rng.range(1, 6) * HOUR_MS : rng.range(20_000, 150_000);
    this.event('transfer', this.lastEnd + wait / 2, next.id, {
      from: from.id,
      fromTeam: from.team,
      toTeam: team,
      reason,
    });
    this.transferReason = reason;
    this.agent = next;
    this.beh = behaviourOf(next);
    if (!this.agentsSeen.includes(next)) this.agentsSeen.push(next);
    this.slots.agent = this.lang === 'zh' ? next.nick : next.alias;
    this.slots.jobNo = next.jobNo;
    const inBank =
      team === COMPLAINTS_TEAM ? this.book.agent.transferInComplaint : this.book.agent.transferIn;
    this.agentSays(this.text(inBank), wait);
    this.mood = Math.max(0, this.mood + (this.beh.style === 'polite' ? -0.7 : 0.2));
    if (team === COMPLAINTS_TEAM) this.hasApologised = true;
    return true;
  }

  private resolve(): void {
    const { rng, book, beh, topic } = this;
    this.isWrappingUp = true;
    const solveChance = beh.solve * (this.mood >= 2.6 ? 0.6 : 1);
    if (rng.chance(solveChance)) {
      if (this.mood >= 1 && !this.hasApologised && rng.chance(beh.apologise)) this.apologise();
      this.agentSays(this.text(topic.solution));
      this.isSolved = true;
      this.mood = Math.max(0, this.mood - (beh.style === 'polite' ? 1.6 : beh.style === 'curt' ? 0.8 : 1.2));
      if (this.mood < 1.1) this.customerSays(this.text(book.customer.calmed), 'positive');
      else if (this.mood < 2.1) this.customerSays(this.text(book.customer.grudging));
      else this.customerSays(this.text(book.customer.angry), 'negative');
      return;
    }
    this.agentSays(this.text(book.agent.noSolution[beh.style]));
    this.mood += 0.5;
    if (this.mood >= 2.2) {
      const isThreat = this.threats < 2 && rng.chance(0.5);
      if (isThreat) this.threats++;
      this.customerSays(this.text(isThreat ? book.customer.threat : book.customer.angry), 'negative');
    } else {
      this.customerSays(this.text(this.mood >= 1 ? book.customer.giveUp : book.customer.grudging));
    }
  }

  private closing(): void {
    const { rng, book, beh } = this;
    const isHopeless = this.mood >= 2.5 && !this.isSolved;
    if (!isHopeless && !this.isEmail && rng.chance(beh.closeAsk)) {
      this.agentSays(this.text(book.agent.closingAsk[beh.style]));
      if (this.mood < 1.6 && rng.chance(0.85)) this.customerSays(this.text(book.customer.noMore), 'positive');
    }
    if (rng.chance(beh.close) || this.messages.length < 4) {
      // A signed e-mail closes politely even from agents who chat tersely.
      let text = this.text(
        book.agent.closing[this.isEmail && beh.style === 'standard' ? 'polite' : beh.style],
      );
      if (beh.style === 'polite' && !this.isVoice && rng.chance(0.25))
        text = this.withEmoji(text, book.emoji.polite);
      this.agentSays(text);
      if (this.mood < 1 && rng.chance(0.2)) this.customerSays(this.text(book.customer.bye), 'positive');
    }
    // Never fewer than four messages (e-mail turns merge): the customer replies, the agent signs off.
    while (this.messages.length < 4) {
      this.customerSays(this.text(book.customer.ack));
      this.agentSays(this.text(book.agent.closing[beh.style]));
    }
  }

  private record(): ConversationInput {
    const { rng, topic } = this;
    const last = this.messages[this.messages.length - 1] as MessageOut;
    if (this.isEmail) this.finishEmail(last);
    const lastByCustomer = last.role === 'customer';
    const closedAt =
      this.lastEnd +
      (this.isVoice
        ? rng.range(500, 3_000)
        : lastByCustomer
          ? rng.range(10_000, 90_000)
          : rng.range(60_000, 300_000));
    const closedBy = this.isVoice
      ? lastByCustomer
        ? 'customer'
        : 'agent'
      : lastByCustomer || rng.chance(0.4)
        ? 'agent'
        : 'timeout';
    this.event('close', closedAt, this.agent.id, { by: closedBy });
    this.event('wrapup', closedAt + rng.range(5_000, 60_000), this.agent.id, { category: topic.category });
    const isResolved = this.isSolved && this.mood < 2.5;
    const isEscalated = this.transferReason === 'escalation';
    const tags: string[] = [topic.queue];
    if (topic.queue !== 'complaint' && (isEscalated || (this.threats > 0 && rng.chance(0.6))))
      tags.push('complaint');
    if (isEscalated) tags.push('escalated');
    if (this.customer.vip) tags.push('vip');
    if (this.hasBot) tags.push('bot-handoff');
    if (topic.category === 'complaint/repeat') tags.push('repeat-contact');
    const priority = this.customer.vip || topic.queue === 'complaint' || isEscalated ? 'high' : 'normal';

    const out: ConversationInput = {
      id: `demo-${String(this.index + 1).padStart(6, '0')}`,
      source: 'demo',
      channel: this.channel,
      language: this.lang,
      startedAt: this.fmt.format(this.startMs, this.isVoice),
      endedAt: this.fmt.format(Math.round(closedAt), this.isVoice),
      queue: topic.queue,
      tags,
      industry: this.industry,
      customer: { id: this.customer.id, name: this.customer.name, vip: this.customer.vip },
      agents: this.agentsSeen.map((a) => ({ id: a.id, name: a.name, team: a.team })),
      messages: this.messages,
      resolved: isResolved,
      events: this.events,
      ticket: { category: topic.category, priority },
      meta: { synthetic: true, generator: 'serviq-demo', persona: (this.agentsSeen[0] as DemoAgent).persona },
    };
    // About 40 % of customers answer the survey.
    if (rng.chance(0.4)) {
      const csat = this.csat(isResolved);
      const rating: NonNullable<ConversationInput['rating']> = {
        csat,
        at: this.fmt.format(Math.round(closedAt + rng.range(10_000, 600_000)), this.isVoice),
      };
      if (rng.chance(0.3)) rating.comment = this.text(this.ratingComments(csat, isResolved));
      out.rating = rating;
    }
    return out;
  }

  private ratingComments(csat: number, isResolved: boolean): Phrases {
    const r = this.book.rating;
    if (csat >= 4) return r.good;
    if (csat === 3) return r.mixed;
    if (this.forbiddenCount > 0 || this.beh.style === 'curt') return r.rude;
    if (this.responseCount && this.responseSum / this.responseCount > 2 * EXPECTED_REPLY_MS[this.channel])
      return r.slow;
    if (!isResolved) return r.unresolved;
    return this.hasBot ? r.bot : r.mixed;
  }

  /** Satisfaction follows what happened: resolution, final mood, speed, greeting, apology, forbidden words. */
  private csat(isResolved: boolean): number {
    const avgResponse = this.responseCount ? this.responseSum / this.responseCount : 0;
    const slowness = avgResponse / EXPECTED_REPLY_MS[this.channel];
    let q = 3.3 + (isResolved ? 1.1 : -0.9) - 0.55 * Math.min(this.mood, 3.5);
    q += slowness > 3 ? -0.9 : slowness > 1.8 ? -0.4 : slowness < 0.8 ? 0.3 : 0;
    q += this.hasGreeted ? 0.15 : -0.25;
    if (this.forbiddenCount > 0) q -= 1.2;
    if (this.hasLaughedAtAnger) q -= 0.5;
    if (this.hasApologised) q += 0.3;
    q += this.rng.normal() * 0.55;
    return Math.max(1, Math.min(5, Math.round(q)));
  }
}
