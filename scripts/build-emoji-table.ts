// Generates packages/core/data/emoji/unicode.json from local files only (never downloads):
//   - emojibase-data zh/en compact.json (MIT): names, one row per emoji;
//   - Emoji Sentiment Ranking v1.0 CSV (Kralj Novak et al. 2015, CC BY-SA 4.0): polarity.
// Usage: node --import tsx scripts/build-emoji-table.ts [path/to/Emoji_Sentiment_Data_v1.0.csv]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMOJI_CATEGORY_POLARITY, type EmojiCategory } from '../packages/core/src/emoji/emoji-types.ts';

type CompactEmoji = { hexcode: string; label: string; unicode: string };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const esrPath =
  process.argv[2] ?? resolve(root, '../shared/data/emoji_sentiment_ranking/Emoji_Sentiment_Data_v1.0.csv');
const outPath = resolve(root, 'packages/core/data/emoji/unicode.json');

/** Emoji with fewer sentiment-labelled occurrences keep their prior polarity. */
const MIN_OCCURRENCES = 5;

// Keys are written without VS16; the lists are matched after stripping it.
const CATEGORY_LISTS: Record<Exclude<EmojiCategory, 'other'>, string> = {
  laugh: '😂 🤣 😆 😁 😄 😅 😹 🤭',
  smile: '🙂 😊 ☺ 😀 😃 😉 😇 😌 😋 😛 😜 😝 🤪 😎 🤗 🥳 😺 😸 🤠 😏',
  love: '❤ 💕 😍 😘 🥰 💖 💗 💓 💞 💘 💝 💟 ❣ 💌 😻 😽 😗 😙 😚 🤩 💋 🌹 💐 🧡 💛 💚 💙 💜 🤎 🖤 🤍 🩷 🩵 🩶 ♥ ❤‍🔥 ❤‍🩹 🫶 💑 💏 👩‍❤‍👨 👨‍❤‍👨 👩‍❤‍👩 💒',
  gesture:
    '👍 👏 🙏 🤝 👌 ✌ 💪 🙌 👋 🤞 🤟 🤘 🤙 👊 ✊ 🤛 🤜 ☝ 👆 👇 👈 👉 🖐 ✋ 🖖 👐 🤲 🫰 🫵 🫱 🫲 🫳 🫴 🫷 🫸 🤌 🤏 🫡 👎 🖕',
  sad: '😢 😭 😞 😔 😟 🙁 ☹ 😩 😫 🥺 💔 😿 😥 😓 😪 🥲 🥹 😣 😖 😕 😰 😬 🫤',
  angry: '😡 😠 🤬 💢 👿 😤 😾 😒 🙄',
  surprise: '😮 😯 😲 😱 🤯 😳 🙀 😦 😧 😨 🫢 🫨 😵 😵‍💫',
};

/**
 * Priors that replace the category polarity: mostly post-2015 emoji absent from the sentiment data, and 🙂,
 * which Chinese users read like [微笑] (emojibase's own zh name for it is 呵呵).
 */
const POLARITY_PRIOR: Record<string, number> = {
  '🙂': 0.1,
  '👎': -0.5,
  '🖕': -0.8,
  '🫠': -0.2,
  '🤦': -0.2,
  '🤷': -0.1,
  '🤮': -0.6,
  '🤢': -0.5,
  '🤡': -0.2,
  '🥴': -0.2,
  '🤐': -0.1,
  '🙃': 0,
  '🤔': 0,
  '🥱': -0.2,
  '😶‍🌫': -0.2,
  '🎉': 0.6,
  '🎊': 0.6,
  '🌸': 0.3,
  '✨': 0.3,
  '⭐': 0.3,
  '🔥': 0.3,
  '🆗': 0.4,
  '✅': 0.3,
  '❌': -0.3,
  '❗': -0.1,
  '❓': -0.1,
  '⚠': -0.3,
};

const stripVs16 = (s: string) => s.replaceAll('\uFE0F', '');

function loadCompact(locale: string): CompactEmoji[] {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve(`emojibase-data/${locale}/compact.json`), 'utf8'));
}

function loadSentiment(path: string): Map<string, { n: number; neg: number; pos: number }> {
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  const out = new Map<string, { n: number; neg: number; pos: number }>();
  for (const row of rows) {
    // Emoji,Unicode codepoint,Occurrences,Position,Negative,Neutral,Positive,Unicode name,Unicode block
    const [emoji = '', , n, , neg, , pos] = row.split(',');
    out.set(stripVs16(emoji), { n: Number(n), neg: Number(neg), pos: Number(pos) });
  }
  return out;
}

const categoryOf = new Map<string, EmojiCategory>();
for (const [category, list] of Object.entries(CATEGORY_LISTS)) {
  for (const e of list.split(' ')) categoryOf.set(e, category as EmojiCategory);
}

const sentiment = loadSentiment(esrPath);
const zhByHex = new Map(loadCompact('zh').map((e) => [e.hexcode, e.label]));
const rows: string[] = [];
const seen = new Set<string>();
let scored = 0;
for (const e of loadCompact('en')) {
  const key = stripVs16(e.unicode);
  // A lone regional indicator never matches (emoji-regex only pairs them into flags).
  if (seen.has(key) || /^[\u{1F1E6}-\u{1F1FF}]$/u.test(key)) continue;
  seen.add(key);
  const category = categoryOf.get(key) ?? 'other';
  const prior = POLARITY_PRIOR[key] ?? EMOJI_CATEGORY_POLARITY[category];
  const s = sentiment.get(key);
  let polarity = prior;
  if (s && s.n >= MIN_OCCURRENCES) {
    // The paper's Laplace-smoothed score. The tweets are European and from 2013–2015 (😭 and 😢 come out
    // neutral there), so an emotion face keeps half of its category's reading in service chat.
    const observed = (s.pos - s.neg) / (s.n + 3);
    polarity = category === 'other' ? observed : (observed + prior) / 2;
    scored++;
  }
  const value = [category, Math.round(polarity * 100) / 100 || 0, zhByHex.get(e.hexcode) ?? '', e.label];
  rows.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
}
for (const key of categoryOf.keys())
  if (!seen.has(key)) throw new Error(`category list names unknown emoji ${key}`);

writeFileSync(outPath, `{\n${rows.join(',\n')}\n}\n`);
console.log(`unicode.json: ${rows.length} emoji, ${scored} with sentiment data → ${outPath}`);
