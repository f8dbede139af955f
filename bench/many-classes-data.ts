// Synthetic help-desk tickets of 10,000 categories for the classifier benchmark: product (20
// types × 5 series) × problem (20 topics) × request (5 actions), so categories share words the way
// real ticket taxonomies do, and each category is told apart only by the combination.
import { Prng } from '@serviq/core';

// A product is a series of a product type; a category is (product, topic, requested action).
const TYPES: { zh: string[]; en: string[] }[] = [
  { zh: ['手机'], en: ['phone', 'smartphone'] },
  { zh: ['耳机', '蓝牙耳机'], en: ['earbuds', 'headphones'] },
  { zh: ['笔记本', '笔记本电脑'], en: ['laptop', 'notebook'] },
  { zh: ['平板', '平板电脑'], en: ['tablet'] },
  { zh: ['手表', '智能手表'], en: ['watch', 'smartwatch'] },
  { zh: ['路由器'], en: ['router', 'wifi router'] },
  { zh: ['电视', '电视机'], en: ['TV', 'television'] },
  { zh: ['冰箱'], en: ['fridge', 'refrigerator'] },
  { zh: ['洗衣机'], en: ['washing machine', 'washer'] },
  { zh: ['空调'], en: ['air conditioner', 'AC unit'] },
  { zh: ['扫地机器人', '扫地机'], en: ['robot vacuum'] },
  { zh: ['电动牙刷'], en: ['electric toothbrush', 'toothbrush'] },
  { zh: ['咖啡机'], en: ['coffee machine', 'coffee maker'] },
  { zh: ['吹风机', '电吹风'], en: ['hair dryer'] },
  { zh: ['显示器'], en: ['monitor', 'screen'] },
  { zh: ['键盘', '机械键盘'], en: ['keyboard'] },
  { zh: ['充电宝', '移动电源'], en: ['power bank'] },
  { zh: ['音箱', '智能音箱'], en: ['speaker', 'smart speaker'] },
  { zh: ['相机', '运动相机'], en: ['camera'] },
  { zh: ['会员', '年度会员'], en: ['membership', 'subscription'] },
];
const SERIES = ['Pro', 'Lite', 'Max', 'Mini', 'Plus'];

const TOPICS: { zh: string[]; en: string[] }[] = [
  {
    zh: ['退款还没到账', '钱一直没退回来'],
    en: ['the refund has not arrived', 'I have not got my money back'],
  },
  { zh: ['快递一直没到', '物流好几天不更新'], en: ['the package has not arrived', 'delivery is very late'] },
  { zh: ['收到就是坏的', '外壳摔裂了'], en: ['it arrived damaged', 'it was broken on arrival'] },
  { zh: ['发错货了', '颜色和型号不对'], en: ['I received the wrong item', 'wrong model was sent'] },
  {
    zh: ['少了配件', '包装里缺充电线'],
    en: ['accessories are missing', 'the cable is missing from the box'],
  },
  { zh: ['电池不耐用', '掉电特别快'], en: ['the battery drains fast', 'battery life is terrible'] },
  { zh: ['开不了机', '按电源键没反应'], en: ['it will not turn on', 'it does not power on'] },
  { zh: ['充不进电', '插上充电器没反应'], en: ['it will not charge', 'charging does not work'] },
  { zh: ['连不上蓝牙', 'wifi老是断'], en: ['bluetooth pairing fails', 'it keeps dropping the wifi'] },
  { zh: ['噪音很大', '一直有杂音'], en: ['it makes a loud noise', 'there is a buzzing sound'] },
  { zh: ['用一会就发烫', '温度太高'], en: ['it overheats', 'it gets really hot'] },
  { zh: ['登录不了app', '账号登不上'], en: ['I cannot log in to the app', 'the login keeps failing'] },
  { zh: ['被扣了两次钱', '重复扣款'], en: ['I was charged twice', 'there is a duplicate charge'] },
  { zh: ['发票还没开', '需要开增值税发票'], en: ['I need an invoice', 'the invoice was never sent'] },
  { zh: ['保修怎么算', '还在保修期内'], en: ['is it still under warranty', 'the warranty claim'] },
  {
    zh: ['上门安装约不上', '安装师傅没来'],
    en: ['the installation appointment', 'the installer never came'],
  },
  {
    zh: ['刚买就降价了', '想补差价'],
    en: ['the price dropped right after I bought it', 'a price adjustment'],
  },
  { zh: ['优惠券用不了', '满减没生效'], en: ['the coupon does not work', 'the discount code was rejected'] },
  { zh: ['自动续费扣款了', '没同意就续费了'], en: ['auto renewal charged me', 'it renewed without asking'] },
  {
    zh: ['更新以后一直闪退', '升级固件后卡死'],
    en: ['it keeps crashing after the update', 'the firmware update broke it'],
  },
];

const ACTIONS: { zh: string[]; en: string[] }[] = [
  { zh: ['我要退货退款', '申请退货'], en: ['I want to return it for a refund', 'please process a return'] },
  { zh: ['帮我换一个新的', '申请换货'], en: ['please send a replacement', 'I want an exchange'] },
  { zh: ['安排维修', '申请售后维修'], en: ['please arrange a repair', 'can you fix it under service'] },
  { zh: ['请问怎么处理', '该怎么办'], en: ['how do I sort this out', 'what should I do'] },
  { zh: ['我要投诉', '给我转人工'], en: ['I want to file a complaint', 'let me speak to a manager'] },
];

const GREETINGS = {
  zh: ['你好，', '您好，', '在吗？', '客服你好，', ''],
  en: ['Hi, ', 'Hello, ', 'Hey there, ', ''],
};
const CLOSINGS = {
  zh: ['谢谢', '麻烦尽快', '急！！', '太失望了', '等你们回复', ''],
  en: ['thanks', 'please hurry', 'this is so frustrating!!', 'waiting for your reply', ''],
};

export const MANY_CLASSES = TYPES.length * SERIES.length * TOPICS.length * ACTIONS.length;

/** The category name of category `c`: product, topic and action, as a ticket system would label it. */
export function categoryName(c: number): string {
  const action = c % ACTIONS.length;
  const topic = Math.floor(c / ACTIONS.length) % TOPICS.length;
  const product = Math.floor(c / (ACTIONS.length * TOPICS.length));
  const type = TYPES[product % TYPES.length] as { en: string[] };
  const series = SERIES[Math.floor(product / TYPES.length)] as string;
  return `${type.en[0]} ${series}/topic-${topic + 1}/action-${action + 1}`;
}

/** A labelled request; `isComplete` when it names the product's series and the request, so its category can be told. */
export type ManyClassRow = { text: string; label: string; isComplete: boolean };

/**
 * One customer request of category `c`: Chinese, English or both in one message, with greetings,
 * order numbers and closings around product, problem and request in varying order. A few leave
 * out the series or the request, as real tickets do, so categories are not all separable.
 */
function ticket(c: number, prng: Prng): { text: string; isComplete: boolean } {
  const action = ACTIONS[c % ACTIONS.length] as { zh: string[]; en: string[] };
  const topic = TOPICS[Math.floor(c / ACTIONS.length) % TOPICS.length] as { zh: string[]; en: string[] };
  const product = Math.floor(c / (ACTIONS.length * TOPICS.length));
  const type = TYPES[product % TYPES.length] as { zh: string[]; en: string[] };
  const series = SERIES[Math.floor(product / TYPES.length)] as string;
  const lang = prng.weighted([0.5, 0.35, 0.15]);
  const zh = lang === 0;
  const productLang = lang === 2 ? 'en' : zh ? 'zh' : 'en';
  const textLang = zh || lang === 2 ? 'zh' : 'en';
  const name = prng.pick(type[productLang]);
  const seriesShown = prng.chance(0.05) ? '' : series;
  const productText =
    productLang === 'zh'
      ? `${prng.pick(['我买的', '我的', '你们的', ''])}${seriesShown}${name}`
      : `${prng.pick(['my ', 'the ', 'your '])}${name}${seriesShown ? ` ${seriesShown}` : ''}`;
  const problem = prng.pick(topic[textLang]);
  const request = prng.chance(0.05) ? '' : prng.pick(action[lang === 2 ? 'en' : textLang]);
  const order = prng.chance(0.3)
    ? textLang === 'zh'
      ? `订单号${prng.digits(10)}，`
      : `order #${prng.digits(8)}, `
    : '';
  // An English product name before a Chinese sentence keeps its space, as people type it.
  const joint = productLang === 'en' && textLang === 'zh' ? ' ' : '';
  const parts =
    textLang === 'zh'
      ? [`${productText}${joint}${problem}`, request].filter(Boolean).join('，')
      : [`${productText}: ${problem}`, request].filter(Boolean).join('. ');
  const body =
    prng.chance(0.2) && request
      ? `${request}${textLang === 'zh' ? '，' : '. '}${productText} ${problem}`
      : parts;
  const text = `${prng.pick(GREETINGS[textLang])}${order}${body}${textLang === 'zh' ? '，' : ', '}${prng.pick(CLOSINGS[textLang])}`;
  return { text, isComplete: seriesShown !== '' && request !== '' };
}

/** `perCategory` requests of every category, in a seeded order. */
export function manyClassRows(perCategory: number, seed: number): ManyClassRow[] {
  const prng = new Prng(seed);
  const rows: ManyClassRow[] = [];
  for (let c = 0; c < MANY_CLASSES; c++) {
    const label = categoryName(c);
    for (let i = 0; i < perCategory; i++) rows.push({ ...ticket(c, prng), label });
  }
  prng.shuffle(rows);
  return rows;
}
