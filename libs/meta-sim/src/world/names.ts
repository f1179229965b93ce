/** Name pools for a world that reads like a real small business's ad account. */
export const ACCOUNT_TEMPLATES = [
  { name: 'Lumière Boutique — US', timezoneName: 'America/New_York', currency: 'USD', tier: 'standard' },
  { name: 'Lumière Boutique — EU', timezoneName: 'Europe/Berlin', currency: 'EUR', tier: 'development' },
  { name: 'Lumière Boutique — UK', timezoneName: 'Europe/London', currency: 'GBP', tier: 'standard' },
] as const;

export const PAGE_TEMPLATES = [
  { name: 'Maison Lumière', username: 'maisonlumiere', site: 'https://www.maisonlumiere.example' },
  { name: 'Kettle & Crumb Bakery', username: 'kettleandcrumb', site: 'https://kettleandcrumb.example' },
  { name: 'Northwind Outfitters', username: 'northwindoutfitters', site: 'https://shop.northwind.example' },
] as const;

export const CAMPAIGN_THEMES = [
  'Spring sale',
  'New collection',
  'Free shipping week',
  'Gift guide',
  'Back in stock',
  'Loyalty club',
  'Summer clearance',
  'Bridal consultations',
  'Holiday preorders',
  'Weekend flash sale',
];

export const OBJECTIVES = ['OUTCOME_ENGAGEMENT', 'MESSAGES', 'OUTCOME_SALES', 'OUTCOME_LEADS'] as const;

export const AUDIENCES = ['Women 25-44', 'Lookalike 1%', 'Retargeting 30d', 'Broad', 'Interests: fashion', 'Men 25-54'];

export const CREATIVES = ['Video A', 'Video B', 'Carousel', 'Photo — model', 'Photo — flat lay', 'UGC testimonial'];

export const AD_TITLES = [
  'Chat with us about sizes',
  'Ask us anything — we reply fast',
  'Get your discount code in Messenger',
  'Book a free styling session',
  'Questions? Message us',
  'Reserve yours before it sells out',
];

export const LINK_REFS = [
  'spring_sale',
  'newsletter',
  'ig_bio',
  'summer-2024',
  'vip=gold',
  'email_footer',
  'welcome_back',
  'blog-post',
  'partner_ref',
  'tiktok_bio',
  'sms_blast',
  'linktree',
];

export const QR_REFS = ['qr_store_window', 'qr-flyer', 'qr_receipt', 'qr_packaging', 'qr-event', 'qr_business_card'];

export const PLUGIN_REFS = [
  { ref: 'plugin_home', path: '/' },
  { ref: 'plugin_pricing', path: '/pricing' },
  { ref: 'plugin_checkout', path: '/checkout' },
] as const;

export const INBOUND_TEXTS = [
  'Hi! Is this still available?',
  'Do you ship to Canada?',
  'What sizes do you have?',
  'How much is shipping?',
  'Can I pay on delivery?',
  'Thanks!',
  'Ok 👍',
  'Bonjour, c’est combien ?',
  '¿Tienen envío gratis?',
  'Do you have it in blue?',
  'When will it arrive?',
  'Can I get a discount code?',
  'Great, I’ll order now',
  'Is there a store near Zürich?',
];

export const OUTBOUND_TEXTS = [
  'Hi there! Thanks for reaching out 😊 How can we help?',
  'Yes, it is! Which size would you like?',
  'Shipping is free over $50.',
  'Here is your code: WELCOME10',
  'We ship within 2 business days.',
  'Let me check with the team and get back to you.',
  'Here’s the link to order: https://shop.example/p/123',
];

export const QUICK_REPLIES = [
  { title: 'Yes please', payload: 'QR_YES' },
  { title: 'Not now', payload: 'QR_NO' },
  { title: 'Sizes', payload: 'QR_SIZES' },
  { title: 'Shipping', payload: 'QR_SHIPPING' },
];

export const ICE_BREAKERS = [
  { title: 'What are your prices?', payload: 'ICEBREAKER_PRICES' },
  { title: 'Do you ship to me?', payload: 'ICEBREAKER_SHIPPING' },
];

export const POLICY_REASONS = [
  'The page sent promotional content outside the standard messaging window.',
  'The page received a high number of blocks after broadcast messages.',
];
