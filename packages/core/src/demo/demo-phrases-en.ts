import type { DemoPhrasebook, DemoTopic } from './demo-phrasebook.ts';

const topics: readonly DemoTopic[] = [
  {
    queue: 'logistics',
    industries: ['ecommerce'],
    category: 'logistics/delay',
    need: 'order',
    cases: [
      {
        opening: [
          (s) => `Hi, my order ${s.order} still hasn't arrived.`,
          (s) => `I ordered a ${s.product} on ${s.date} and it's still not here`,
          "Tracking hasn't updated in three days. Is my package lost?",
          (s) => `Where is my package?! You promised delivery within ${s.days} days`,
          (s) => `My parcel has been stuck at the ${s.city} hub for days`,
          (s) => `When will my ${s.product} be delivered? I need it this week`,
        ],
        explain: [
          (s) =>
            `I found it: your parcel is at the ${s.city} sorting center, ${s.courier} tracking ${s.tracking}, expected within ${s.days} days.`,
          (s) => `Your package reached ${s.city} and is out for delivery today.`,
          (s) =>
            `There's a weather delay on that route, but it's moving again and should arrive by ${s.dueDate}.`,
          (s) => `It was held at the ${s.city} hub; I've already opened a trace with ${s.courier}.`,
        ],
      },
    ],
    followUps: [
      {
        ask: 'Can you hurry them up?',
        answer: (s) => `Sure, I've asked ${s.courier} to prioritize it and you'll get a text when it moves.`,
        short: 'Done.',
      },
      {
        ask: 'What time will it come?',
        answer: 'Deliveries usually run from the afternoon into the evening; the driver will call ahead.',
        short: 'Wait for the driver.',
      },
      {
        ask: "Can it go to my office instead? I'm not home during the day",
        answer: 'Yes, send me the new address and I will ask the carrier to redirect it.',
        short: 'Call the carrier.',
      },
      {
        ask: 'Which carrier is it? Tracking number?',
        answer: (s) =>
          `It's ${s.courier}, tracking number ${s.tracking}. You can follow it live in your order page.`,
        short: (s) => `${s.courier} ${s.tracking}`,
      },
      {
        ask: 'What happens if it is lost?',
        answer: "If it's confirmed lost we'll send a replacement or refund you in full, no question.",
        short: "We'll see.",
      },
    ],
    angry: [
      'Where is my package?!!',
      'Every day you say it is on the way. Where is it?',
      (s) => `It's been ${s.days} days and it's still in ${s.city}. Are they walking it here?`,
      'I needed this for a birthday. Who is responsible if it is late?',
    ],
    solution: [
      (s) =>
        `I've escalated it; if it isn't there by ${s.dueDate} we'll ship a replacement right away, plus a $${s.coupon} credit for the trouble.`,
      (s) => `${s.courier} will prioritize it for tomorrow and I've refunded the $${s.coupon} shipping fee.`,
      "I've arranged a replacement shipment; you'll get the new tracking number by text. Just refuse the old parcel if it shows up.",
    ],
  },
  {
    queue: 'logistics',
    industries: ['ecommerce'],
    category: 'logistics/not-received',
    need: 'order',
    cases: [
      {
        opening: [
          'It says delivered but I never got it!',
          (s) => `Tracking says it was left at the ${s.station} but it's not there`,
          "I didn't sign for anything. Why does it say delivered?",
        ],
        explain: [
          (s) => `The carrier scanned it as delivered on ${s.date} at the ${s.station}.`,
          "The driver says it was left in your building's parcel locker; the code may have gone to your phone.",
        ],
      },
    ],
    followUps: [
      {
        ask: 'I already checked there, nothing',
        answer: (s) =>
          `OK, I'm opening a lost-parcel claim with ${s.courier} now; they answer within 24 hours.`,
        short: 'Then wait for the claim.',
      },
      {
        ask: 'How long will this take?',
        answer: "Claims take 1-3 business days and I'll contact you as soon as I hear back.",
        short: '3 days.',
      },
    ],
    angry: [
      'You marked it delivered and it is not here. This is fraud!',
      'I want my item, not a scavenger hunt!',
    ],
    solution: [
      "I've sent a replacement that ships today, no need to wait for the claim. Sorry for the hassle.",
      (s) => `I've issued a full refund of $${s.amount} to your original payment method.`,
    ],
  },
  {
    queue: 'refund',
    industries: ['ecommerce', 'telecom', 'finance'],
    category: 'refund/late',
    need: 'order',
    cases: [
      {
        opening: [
          (s) => `Where is my refund of $${s.amount}?`,
          'You said 3 days for the refund. It has been a week.',
          (s) => `I sent the return back ${s.days} days ago. Where's my money?`,
          (s) => `When will order ${s.order} be refunded?`,
        ],
        explain: [
          'Your refund was approved and sent back to your card; banks take 1-3 business days to post it.',
          (s) =>
            `The warehouse received your return on ${s.date}; it's in inspection and the refund follows right after.`,
          (s) => `The refund of $${s.amount} was issued on ${s.date}; please check your card statement.`,
        ],
      },
    ],
    followUps: [
      {
        ask: 'Where does the refund go?',
        answer: 'Back to the original payment method you used.',
        short: 'Original payment.',
      },
      {
        ask: 'Why does it take so long?',
        answer: 'The warehouse has to inspect the return and finance approves it; holidays can slow it down.',
        short: "That's how it works.",
      },
      {
        ask: 'Do I get the shipping back?',
        answer: 'Yes, since it was defective the return shipping is refunded too.',
        short: 'Yes.',
      },
    ],
    angry: [
      'You were fast enough taking my money!',
      'Every time you say it is processing.',
      'This is ridiculous.',
    ],
    solution: [
      "I've asked finance to expedite it; you'll have the money today. I'm sorry for the delay.",
      (s) => `I've pushed an instant refund: $${s.amount} is on its way back to your card.`,
    ],
  },
  {
    queue: 'refund',
    industries: ['ecommerce'],
    category: 'refund/defect',
    need: 'order',
    cases: [
      {
        opening: [
          (s) => `My ${s.product} arrived broken, I want a refund`,
          (s) => `The ${s.product} stopped working after one use`,
          'The item looks nothing like the pictures. I want to return it',
        ],
        explain: [
          "That's covered by our quality guarantee; we'll take it back and pay the return shipping.",
          'Could you send me a photo of the problem so I can file the return?',
        ],
      },
    ],
    followUps: [
      {
        ask: 'Do I have to ship it back myself?',
        answer: (s) => `No, ${s.courier} will pick it up from your door.`,
        short: 'Pickup.',
      },
      {
        ask: 'Can I get a new one instead?',
        answer: 'Of course, a replacement or a refund, whichever you prefer.',
        short: 'Either.',
      },
      {
        ask: 'I sent the photo',
        answer: "Got it, that's clearly a defect. I'm processing it now.",
        short: 'Got it.',
      },
    ],
    angry: ['It broke on day one. What kind of junk are you selling?', 'Terrible quality.'],
    solution: [
      (s) => `Return approved: ${s.courier} picks it up tomorrow and $${s.amount} is refunded on receipt.`,
      (s) => `A new ${s.product} ships today, and you can keep the broken one.`,
    ],
  },
  {
    queue: 'billing',
    industries: ['ecommerce', 'telecom', 'finance'],
    category: 'billing/double-charge',
    need: 'order',
    cases: [
      {
        opening: [
          'Why was I charged twice?',
          (s) => `I see two charges of $${s.amount} for the same order`,
          'The payment failed but the money was taken',
        ],
        explain: [
          (s) =>
            `You're right, there's a duplicate charge; the extra $${s.amount} will be reversed automatically.`,
          'The failed attempt is a pending authorization; your bank releases it in 3-5 business days.',
        ],
      },
    ],
    followUps: [
      {
        ask: 'How did that even happen?',
        answer: 'Most likely the payment was submitted twice on a slow connection. I apologize.',
        short: 'Network issue.',
      },
      { ask: 'Do I need to do anything?', answer: "No, it's reversed automatically.", short: 'No.' },
    ],
    angry: ['You took my money twice and said nothing?', 'I will dispute this with my bank.'],
    solution: [
      (s) => `I've filed the reversal: $${s.amount} will be back on your card within 1-3 business days.`,
    ],
  },
  {
    queue: 'billing',
    industries: ['telecom'],
    category: 'billing/unexpected-fee',
    need: 'phone',
    cases: [
      {
        opening: [
          (s) => `Why is my bill $${s.amount} higher this month?`,
          "There's a charge for a service I never signed up for",
          'My bill jumped for no reason, can you check?',
        ],
        explain: [
          (s) => `I see a $${s.amount} streaming add-on that was activated on ${s.date}.`,
          'You went over your data allowance this month; extra data is billed at $5 per GB.',
        ],
      },
    ],
    followUps: [
      {
        ask: 'I never activated that',
        answer: "It was activated by text confirmation; if that wasn't you I can cancel and refund it.",
        short: 'System says you did.',
      },
      {
        ask: 'Is there a cheaper plan?',
        answer: (s) => `Yes, the ${s.plan} would suit you; it starts next cycle.`,
        short: (s) => s.plan,
      },
    ],
    angry: ['You charged me without my consent. I am filing a complaint with the FCC!', 'This is a scam.'],
    solution: [(s) => `I've cancelled the add-on and the $${s.amount} will be credited on your next bill.`],
  },
  {
    queue: 'billing',
    industries: ['finance'],
    category: 'billing/card-fraud',
    need: 'identity',
    cases: [
      {
        opening: [
          (s) => `There's a $${s.amount} charge on my credit card that I didn't make`,
          (s) => `I just got an alert for $${s.amount} and my card is in my wallet!`,
        ],
        explain: [
          (s) => `Thanks for verifying. The $${s.amount} charge was made online on ${s.date}.`,
          (s) => `I see the $${s.amount} transaction on a foreign website; I'm flagging it as disputed now.`,
        ],
      },
    ],
    followUps: [
      {
        ask: 'Can you freeze the card?',
        answer: "Done, the card is temporarily frozen so it can't be used again.",
        short: 'Frozen.',
      },
      {
        ask: 'Will this hurt my credit score?',
        answer: "No, disputed charges don't affect your credit while we investigate.",
        short: 'No.',
      },
      {
        ask: 'Do I still have to pay it?',
        answer: 'Not while it is under investigation, and no interest accrues.',
        short: 'Not now.',
      },
    ],
    angry: ['Someone stole my money and you do nothing?', 'I will report you to the regulator!'],
    solution: [
      (s) =>
        `I've opened a dispute and credited the $${s.amount} provisionally; you'll hear back within 15 business days.`,
    ],
  },
  {
    queue: 'billing',
    industries: ['finance'],
    category: 'billing/card-fees',
    need: 'identity',
    cases: [
      {
        opening: ['Why is the installment fee higher than you told me?'],
        explain: ['The installment fee is 0.6% of the principal per month, 7.2% over 12 months.'],
      },
      {
        opening: ['Can I push my payment date back a few days?'],
        explain: ['Your account is in good standing, so you can use one payment extension.'],
      },
    ],
    followUps: [
      {
        ask: "What's the minimum payment?",
        answer: 'The minimum payment this cycle is 10% of the statement balance.',
        short: '10%.',
      },
      {
        ask: 'Will it hurt my credit?',
        answer: 'Not if you pay at least the minimum on time.',
        short: 'No.',
      },
    ],
    angry: ['These are hidden fees!', 'That is not what I was told when I signed up.'],
    solution: [
      "I've applied a payment extension; no late fee will be charged.",
      "I've waived this month's installment fee.",
    ],
  },
  {
    queue: 'tech',
    industries: ['ecommerce'],
    category: 'tech/device',
    need: 'none',
    products: 'gadgets',
    cases: [
      {
        opening: [
          (s) => `My ${s.product} won't connect to Bluetooth`,
          (s) => `The ${s.product} won't pair with my phone`,
        ],
        explain: [
          'Hold the power button for 10 seconds to reset it, then forget the device on your phone and pair again.',
        ],
      },
      {
        opening: [(s) => `My ${s.product} won't charge`],
        explain: ['Please try a different cable and plug; if it still fails, it may be the battery.'],
      },
    ],
    followUps: [
      {
        ask: 'Tried that, still not working',
        answer: "Then it may be a hardware fault; I'll set up a free repair check for you.",
        short: 'Send it in.',
      },
      {
        ask: 'How long is the warranty?',
        answer: 'One year, and free replacement within the first 7 days.',
        short: 'One year.',
      },
    ],
    angry: ['It broke after a week. Such poor quality.', 'The manual is useless.'],
    solution: [
      (s) =>
        `I've arranged a replacement ${s.product}; it ships today and you can return the old one afterwards.`,
      "I've booked a free repair with door-to-door pickup.",
    ],
  },
  {
    queue: 'tech',
    industries: ['ecommerce'],
    category: 'presales/product',
    need: 'none',
    products: 'gadgets',
    cases: [
      {
        opening: [(s) => `Does the ${s.product} support fast charging?`],
        explain: ['Yes, it supports 30W fast charging with the charger in the box.'],
      },
      {
        opening: [(s) => `What's the difference between this ${s.product} and the previous model?`],
        explain: [
          (s) =>
            `The new model has 30% more battery life and better noise cancelling, for $${s.amount} more.`,
        ],
      },
    ],
    followUps: [
      {
        ask: 'Any discount?',
        answer: (s) => `There's a $${s.coupon} coupon today plus an extended warranty.`,
        short: 'Coupon.',
      },
      { ask: 'When does it ship?', answer: 'Orders placed today ship within 48 hours.', short: '48h.' },
      {
        ask: 'What colors are there?',
        answer: 'Black, white and blue; white is the most popular.',
        short: 'Three.',
      },
    ],
    angry: ['Your product page is so unclear', 'Does anyone there know the product?'],
    solution: [(s) => `I've added a $${s.coupon} coupon to your account, valid on this order.`],
  },
  {
    queue: 'tech',
    industries: ['ecommerce', 'telecom', 'finance'],
    category: 'tech/app',
    need: 'none',
    cases: [
      {
        opening: ['The app keeps crashing and I cannot log in'],
        explain: ["It's a known issue with older versions; updating to the latest version fixes it."],
        followUps: [
          {
            ask: 'Updated, still broken',
            answer: 'Please clear the app cache and log in again.',
            short: 'Clear cache.',
          },
        ],
      },
      {
        opening: ["I'm not getting the verification code"],
        explain: ['Your phone may be filtering the text; please check your spam messages.'],
        followUps: [
          {
            ask: (s) => `My number is ${s.phone}, can you check?`,
            answer: 'The code was sent successfully; carriers sometimes delay it a minute or two.',
            short: 'It was sent.',
          },
        ],
      },
      {
        opening: ['Face verification keeps failing', 'Checkout says "system busy" every time'],
        explain: ['We had a brief outage and the engineers are on it.'],
        followUps: [
          {
            ask: 'When will it be fixed?',
            answer: 'Engineering expects it to be resolved within the hour.',
            short: 'Soon.',
          },
        ],
      },
    ],
    followUps: [
      { ask: 'Is it my phone?', answer: 'No, it is not related to your phone.', short: 'No.' },
      { ask: 'Is my money safe?', answer: 'Yes, your balance is not affected.', short: 'Yes.' },
    ],
    angry: ['I need to pay NOW and your app is broken!', 'A whole day and it is still not fixed?'],
    solution: [
      "It's fixed now, please reopen the app.",
      "I've reset your login session manually; you can sign in now.",
    ],
  },
  {
    queue: 'complaint',
    industries: ['ecommerce', 'telecom', 'finance'],
    category: 'complaint/attitude',
    need: 'none',
    cases: [
      {
        opening: [
          'I want to complain about your delivery driver, he was extremely rude',
          'The last agent hung up on me',
          'I want to file a complaint about the staff at your store',
        ],
        explain: [
          "I'm really sorry you were treated that way. I've documented everything.",
          "I've pulled up your previous contact and I agree we let you down.",
        ],
      },
    ],
    followUps: [
      {
        ask: 'What are you going to do about it?',
        answer: "It will be handled with the team involved and you'll hear the outcome within 48 hours.",
        short: "It'll be handled.",
      },
      {
        ask: 'Is this just talk again?',
        answer: "No, I'm personally owning this complaint and I'll call you with the result.",
        short: 'No.',
      },
    ],
    angry: ['Is this how you treat customers?', 'Nobody ever follows up on complaints.'],
    solution: [
      (s) =>
        `The team has been addressed, and I've added a $${s.coupon} credit to your account. I apologize again.`,
    ],
  },
  {
    queue: 'complaint',
    industries: ['ecommerce', 'telecom', 'finance'],
    category: 'complaint/repeat',
    need: 'none',
    cases: [
      {
        opening: [
          'This is the third time I am contacting you about the same problem',
          'You promised me compensation and never paid it',
          'I have been waiting a month for an answer',
        ],
        explain: [
          (s) => `I can see your ${s.days} previous contacts, and I'm sorry it was never resolved.`,
          "The compensation you were promised was never issued; that's our mistake.",
        ],
      },
    ],
    followUps: [
      {
        ask: 'Can you guarantee it gets fixed this time?',
        answer: "I'm owning this case end to end and will update you every day.",
        short: "I'll try.",
      },
      {
        ask: 'What is your name and employee ID?',
        answer: (s) => `I'm ${s.agent}, ID ${s.jobNo}; you can ask for me any time.`,
        short: (s) => s.jobNo,
      },
    ],
    angry: ['Your promises are worthless!', 'I am out of patience.'],
    solution: [
      (s) => `The $${s.amount} compensation has been paid to your account, and I'll follow up personally.`,
    ],
  },
];

export const EN_PHRASES: DemoPhrasebook = {
  topics,
  genericFollowUps: [
    {
      ask: 'How long will it take?',
      answer: 'Usually 1-3 business days; I will update you as soon as it moves.',
      short: 'A few days.',
    },
    { ask: 'Do you need anything else from me?', answer: 'No, I have everything I need.', short: 'No.' },
    {
      ask: 'Will I get an email?',
      answer: 'Yes, you will get an email and a text once it is done.',
      short: 'Yes.',
    },
    {
      ask: 'What are your hours?',
      answer: 'Chat support is open 8am to midnight, every day.',
      short: '8 to 12.',
    },
    {
      ask: 'Can you give me a date?',
      answer: (s) => `It will be sorted by ${s.dueDate} at the latest.`,
      short: 'Soon.',
    },
    {
      ask: 'Can you let me know when it is done?',
      answer: 'Of course, I have noted it and will contact you.',
      short: 'Yes.',
    },
    {
      ask: 'Do I need to keep this chat open?',
      answer: 'No need, we will reach out to you with the result.',
      short: 'No.',
    },
  ],
  customer: {
    hello: ['Hello?', 'Hi', 'Anyone there?', 'Hi, is this support?'],
    ack: ['OK', 'Okay', 'Got it', 'Sure', 'Alright', 'I see', 'Fine', 'Understood'],
    waiting: ['Hello??', 'Are you still there?', '???', 'Anyone?', 'Hello, still waiting'],
    frustrated: [
      'Why is this taking so long?',
      'That is what they told me last time',
      'Can you speed it up please',
      "I've been waiting forever",
      'This is the third time',
      'Ugh',
      'More waiting?',
      'Seriously?',
    ],
    angry: [
      'This is ridiculous',
      'Can you actually fix this or not?',
      'Terrible service',
      'I want to file a complaint',
      'Stop giving me scripted answers',
      'Unbelievable',
      'This is a joke',
    ],
    threat: [
      'I want to speak to a manager',
      "I'm leaving a 1-star review everywhere",
      "I'll report you to the Better Business Bureau",
      "I'm disputing the charge with my bank",
      "I'm posting this on Twitter",
      'My lawyer will hear about this',
    ],
    calmed: [
      'OK thanks',
      'Great, thank you',
      'Thanks for your help',
      'Perfect, appreciate it',
      'OK, that works. Thanks!',
      'Thank you so much',
    ],
    grudging: ['Fine. Hope it actually happens this time', 'OK whatever', 'We will see', 'Alright, I guess'],
    giveUp: ['Forget it', 'Never mind', "I'm done", "I'll shop somewhere else"],
    askHuman: [
      'agent',
      'talk to a human',
      'human please',
      'representative',
      'not helpful, real person please',
    ],
    botUseless: ['That does not answer my question', 'Useless bot. Human!', 'agent agent agent'],
    noMore: ["No, that's all, thanks", "That's it", 'Nope, all good'],
    bye: ['Bye', 'Thanks, bye', 'Have a good day'],
    provide: {
      order: [
        (s) => `Order number ${s.order}`,
        (s) => s.order,
        (s) => `It's ${s.order}`,
        (s) => `${s.order}, email ${s.email}`,
      ],
      phone: [(s) => s.phone, (s) => `My number is ${s.phone}`, (s) => `Account phone ${s.phone}`],
      identity: [
        (s) => `Card ending ${s.cardTail}, phone ${s.phone}`,
        (s) => `Card number ${s.card}`,
        (s) => `Email on file is ${s.email}, card ending in ${s.cardTail}`,
      ],
    },
    contact: [
      (s) => `Please email me the details at ${s.email}`,
      (s) => `You can call me at ${s.phone}`,
      (s) => `My new number is ${s.phone}`,
    ],
    emailOpen: ['Hi,', 'Hello,', 'Dear support,'],
  },
  agent: {
    greeting: {
      polite: [
        (s) => `Hello, thank you for contacting us! My name is ${s.agent}. How can I help you today?`,
        (s) => `Hi there, this is ${s.agent}. How may I assist you?`,
        (s) => `Good day, ${s.agent} here. What can I do for you?`,
      ],
      standard: ['Hi, how can I help?', 'Hello, what can I do for you?', (s) => `Hi, ${s.agent} here`],
      curt: ['Yes?', 'What is the issue', 'Go ahead'],
    },
    voiceGreeting: [
      (s) => `Thank you for calling, this is ${s.agent}, agent ${s.jobNo}. How can I help you today?`,
      (s) => `Customer service, ${s.agent} speaking.`,
    ],
    askInfo: {
      polite: {
        order: ['Could you share your order number so I can look into this right away?'],
        phone: ['May I have the phone number on the account, please?'],
        identity: [
          'For your security, could you confirm the last four digits of your card and your phone number?',
        ],
      },
      standard: {
        order: ["What's your order number?", 'Can you send me the order number?'],
        phone: ['Phone number on the account?', 'Please share your phone number'],
        identity: ['I need to verify your identity first. Card number?'],
      },
      curt: {
        order: ['Order number.', 'Order #?'],
        phone: ['Number.', 'Phone?'],
        identity: ['Card number.'],
      },
    },
    checking: {
      polite: ['Thank you, one moment while I check that for you.', 'Got it, let me look into this for you.'],
      standard: ['One moment please', 'Let me check', 'Checking now'],
      curt: ['Wait.', 'Hold on.'],
    },
    voiceHold: [
      "Let me put you on a brief hold while I check, please don't hang up.",
      'One moment, let me look that up.',
    ],
    holdBack: ['Thank you for holding. ', 'Thanks for waiting. ', 'Sorry for the wait. '],
    apology: {
      polite: [
        "I'm so sorry for the trouble, I completely understand how frustrating this is.",
        'I sincerely apologize for the delay; I will make sure this gets resolved.',
        "I'm really sorry about this experience. Let me fix it for you right now.",
      ],
      standard: ['Sorry about that', 'Apologies for the inconvenience', 'Sorry for the wait'],
      curt: ['Sorry.'],
    },
    delayApology: ['Sorry for the late reply, we are very busy today', 'Apologies for the wait'],
    reassure: {
      polite: [
        "Please don't worry, I'm following this closely for you.",
        "I understand completely; I've flagged it as urgent and will update you as soon as I know more.",
      ],
      standard: [
        "I'm on it",
        "I understand, we'll get it sorted",
        "I've escalated it",
        'It is being processed',
      ],
      curt: ['Being processed.', 'Just wait.', "It's not instant.", 'I already said it is being handled.'],
    },
    noSolution: {
      polite: [
        "I've raised a ticket with the specialist team; they will contact you within 3 business days. I'm sorry.",
      ],
      standard: [
        "I've raised a ticket, someone will contact you within 3 business days.",
        "I've passed it on for review",
      ],
      curt: ["Can't do anything, wait for the email.", 'Nothing I can do.'],
    },
    closingAsk: {
      polite: ['Is there anything else I can help you with today?'],
      standard: ['Anything else?', 'Anything else I can do?'],
      curt: ['Anything else?'],
    },
    closing: {
      polite: [
        'Thank you for your patience, and have a wonderful day!',
        "Thanks for reaching out. If anything else comes up, we're here 24/7. Have a great day!",
        "You're very welcome, it was a pleasure helping you!",
      ],
      standard: ['OK, have a nice day', "You're welcome", 'Bye'],
      curt: ['Ok.', 'Bye.'],
    },
    forbidden: [
      "That's not my problem",
      'Not my department',
      'Read the FAQ yourself',
      "That's not our fault",
      'Nothing I can do about it',
      'Take it up with the courier',
    ],
    laugh: ['lol relax', 'Oops haha', 'Chill, it will sort itself out', 'Haha totally', 'haha yeah'],
    template: [
      'Your issue has been logged and will be handled as soon as possible!',
      'Thank you for your patience, we will notify you once there is an update!',
    ],
    unsure: [
      "I'm not sure, let me check with a colleague",
      'Let me double-check that',
      'Let me ask my team lead',
    ],
    transferOut: [
      (s) => `This needs a specialist, I'll transfer you to ${s.team}. Please stay on.`,
      (s) => `Let me pass you to ${s.team}, one moment.`,
    ],
    transferInComplaint: [
      (s) =>
        `Hello, I'm ${s.agent} from customer relations. I've read the conversation, and I'm truly sorry for your experience.`,
    ],
    transferIn: [(s) => `Hi, ${s.agent} here, I'm taking over and I've seen the history.`],
    softener: ['Good question! ', 'Thanks for asking. '],
    emailOpen: {
      polite: [
        (s) => `Dear ${s.customer},\n\nThank you for your email.`,
        (s) => `Hello ${s.customer},\n\nThanks for getting in touch.`,
      ],
      standard: ['Hello,', (s) => `Hi ${s.customer},`],
      curt: [''],
    },
    emailSign: [
      (s) => `Kind regards,\n${s.agent}\nCustomer Care`,
      (s) => `Best,\n${s.agent} (ID ${s.jobNo})`,
    ],
  },
  bot: {
    greeting: ["Hi, I'm Q, the virtual assistant. How can I help?", 'Hello! Q here, your 24/7 assistant.'],
    menu: [
      (s) =>
        `Hi! I'm Q, the virtual assistant. I can help with:\n1. Order tracking\n2. Returns & refunds\n3. Billing\nReply with a number or describe your issue. Queue position: ${s.queuePos}`,
    ],
    answer: [
      (s) =>
        `You can track your order under "My Orders". If tracking hasn't updated for ${s.days} days, tap "Chase delivery".`,
      'Refunds go back to the original payment method within 1-3 business days.',
    ],
    misunderstand: [
      "Sorry, I didn't get that. Could you rephrase?",
      'I am still learning. Type "agent" to talk to a person.',
    ],
    handoff: [
      (s) => `Connecting you to an agent. Queue position: ${s.queuePos}…`,
      'Transferring you to a human agent now.',
    ],
  },
  rating: {
    good: ['Very helpful and friendly', 'Quick and solved my issue', 'Great service'],
    mixed: ['OK', 'Solved but took too long', 'Fine I guess'],
    slow: ['Way too slow', 'Waited ages for every reply'],
    rude: ['Rude agent', 'Very dismissive'],
    unresolved: ['Problem not solved', 'Still waiting for a fix'],
    bot: ['The bot was useless', 'Hard to reach a human'],
  },
  codeMixed: ['Thanks 谢谢!', 'My 订单 still has not arrived', 'OK 好的'],
  emoji: {
    laugh: ['😂', '🤣', '😅', '😂😂', '😁'],
    warm: ['😊', ':)', '🙂'],
    polite: ['🙏', '😊'],
    positive: ['👍', '👍🏻', ':)', '🙏', '😊', '👌', '👍🏽'],
    negative: ['😡', '😤', '🙄', ':(', '😭', '🤦‍♂️', '🤷‍♀️'],
    neutral: ['🤔', '🤷‍♀️', ':)'],
  },
  vocab: {
    products: {
      ecommerce: [
        'air fryer',
        'down jacket',
        'pair of running shoes',
        'electric toothbrush',
        'blender',
        'backpack',
      ],
      gadgets: ['wireless earbuds', 'smartwatch', 'robot vacuum', 'Bluetooth speaker', 'tablet', 'e-reader'],
      telecom: ['broadband', '5G plan', 'data pack'],
      finance: ['credit card', 'debit card'],
    },
    plans: ['Essential 15GB plan', 'Unlimited Lite plan', 'Family Share plan'],
    couriers: ['UPS', 'FedEx', 'USPS', 'DHL', 'Royal Mail'],
    cities: ['Chicago', 'Dallas', 'Manchester', 'Toronto', 'Seattle', 'Leeds', 'Atlanta'],
    stations: ['front desk', 'parcel locker', 'mailroom', 'porch'],
    surnames: ['Smith', 'Johnson', 'Brown', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Chen', 'Patel', 'Taylor'],
    givenNames: [
      'Emily',
      'Michael',
      'Sarah',
      'James',
      'Olivia',
      'David',
      'Jessica',
      'Daniel',
      'Priya',
      'Tom',
    ],
    nicknames: ['mike_r', 'sunny.day', 'jess1988', 'coffee_lover'],
    fullName: (surname, given) => `${given} ${surname}`,
    address: (surname, isFemale) => `${isFemale ? 'Ms.' : 'Mr.'} ${surname}`,
    anonymous: 'customer',
    date: (month, day) =>
      `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1]} ${day}`,
  },
  teamNames: {
    't-presales': 'our product team',
    't-aftersales': 'after-sales',
    't-billing': 'billing',
    't-complaints': 'customer relations',
  },
  emojiJoin: ' ',
};
