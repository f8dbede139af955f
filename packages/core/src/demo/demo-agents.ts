import type { DemoQueue } from './demo-phrasebook.ts';

export type DemoPersona =
  | 'polite-expert'
  | 'standard'
  | 'warm'
  | 'emoji-overuser'
  | 'slow-responder'
  | 'curt'
  | 'newbie'
  | 'scripted'
  | 'bot';

export type DemoTeam = { id: string; name: string; nameEn: string; queues: readonly DemoQueue[] };

export type DemoAgent = {
  id: string;
  name: string;
  team: string;
  /** How the agent names themself in Chinese chats (小婷). */
  nick: string;
  /** English alias used with English-speaking customers (Tina). */
  alias: string;
  jobNo: string;
  persona: DemoPersona;
  /** The habits a QA manager would recognise, for the docs and the dashboard demo. */
  habits: string;
  isBot: boolean;
};

export const DEMO_TEAMS: readonly DemoTeam[] = [
  { id: 't-presales', name: '售前', nameEn: 'Presales & product', queues: ['tech'] },
  { id: 't-aftersales', name: '售后', nameEn: 'After-sales', queues: ['logistics', 'refund'] },
  { id: 't-billing', name: '账单', nameEn: 'Billing', queues: ['billing'] },
  { id: 't-complaints', name: '投诉', nameEn: 'Complaints', queues: ['complaint'] },
];

const HABITS: Record<DemoPersona, string> = {
  'polite-expert':
    'greets with 您好 / Hello, apologises to upset customers, resolves most cases, always closes with a 结束语',
  standard: 'greets most of the time, answers correctly, apologises about half the time',
  warm: 'friendly, adds a 😊 or [微笑] now and then, apologises readily',
  'emoji-overuser':
    'puts 😂 [捂脸] [呲牙] in most messages, even when the customer is angry; apologises rarely',
  'slow-responder': 'replies after 2–5 minutes, so customers ask 还在吗？; otherwise standard',
  curt: 'no greeting, very short answers, rarely apologises, sometimes a forbidden phrase (不归我管 / 你自己看 / "that\'s not my problem")',
  newbie: 'unsure, asks colleagues, slower replies, transfers more often, resolves less',
  scripted: 'pastes the same canned line again and again',
  bot: 'handles the first turns on some chat queues, offers a menu, hands off to a human',
};

function agent(
  id: string,
  name: string,
  team: string,
  nick: string,
  alias: string,
  persona: DemoPersona,
): DemoAgent {
  return {
    id,
    name,
    team,
    nick,
    alias,
    jobNo: `10${id.slice(2)}`,
    persona,
    habits: HABITS[persona],
    isBot: false,
  };
}

/** The demo contact centre: 16 agents in four teams, each with recognisable habits, plus the chat bot. */
export const DEMO_AGENTS: readonly DemoAgent[] = [
  agent('a-01', '陈晓雯', 't-presales', '小雯', 'Vivian', 'warm'),
  agent('a-02', '刘洋', 't-presales', '小洋', 'Leo', 'emoji-overuser'),
  agent('a-03', '赵敏', 't-presales', '小敏', 'Amy', 'standard'),
  agent('a-04', '孙浩', 't-presales', '小浩', 'Howard', 'newbie'),
  agent('a-05', '张伟', 't-aftersales', '小伟', 'David', 'curt'),
  agent('a-06', '周静', 't-aftersales', '小静', 'Jane', 'polite-expert'),
  agent('a-07', '李婷', 't-aftersales', '小婷', 'Tina', 'standard'),
  agent('a-08', '黄磊', 't-aftersales', '小磊', 'Ray', 'slow-responder'),
  agent('a-09', '吴倩', 't-aftersales', '小倩', 'Chloe', 'scripted'),
  agent('a-10', '郑凯', 't-billing', '小凯', 'Kevin', 'polite-expert'),
  agent('a-11', '王磊', 't-billing', '小王', 'Leon', 'slow-responder'),
  agent('a-12', '林小雨', 't-billing', '小雨', 'Rain', 'emoji-overuser'),
  agent('a-13', '何军', 't-billing', '小何', 'Jack', 'curt'),
  agent('a-14', '徐丽', 't-complaints', '徐丽', 'Lily', 'polite-expert'),
  agent('a-15', '马超', 't-complaints', '马超', 'Mark', 'standard'),
  agent('a-16', '高峰', 't-complaints', '高峰', 'Frank', 'newbie'),
  {
    id: 'bot-01',
    name: '小Q',
    team: 't-bot',
    nick: '小Q',
    alias: 'Q',
    jobNo: '0000',
    persona: 'bot',
    habits: HABITS.bot,
    isBot: true,
  },
];
