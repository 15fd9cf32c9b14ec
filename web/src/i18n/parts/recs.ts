/** The personalised feed: the algorithmic-recommendation notice, reasons, "not interested", switching off. */
export const recsZh = {
  'recs.notice': '为你推荐：以下内容由算法根据你选择的标签、关注和浏览自动排序，每条都注明了推荐理由。',
  'recs.manage': '查看和删除我的兴趣',
  'recs.switch': '关闭个性化推荐',
  'recs.reason': '推荐理由',
  'recs.notInterested': '不感兴趣',
  'recs.notInterestedLabel': '不感兴趣：{title}',
  'recs.dismissed': '已减少此类内容的推荐。',
  'recs.dismissFailed': '操作未成功，请稍后再试。',
  'recs.offTitle': '个性化推荐已关闭',
  'recs.offBody':
    '从下一次刷新起，首页显示与未登录访客相同的通用内容，我们也不再为推荐记录你的浏览。是否同时删除已经形成的兴趣画像？',
  'recs.offDeleteProfile': '删除兴趣画像',
  'recs.offDeleteAll': '删除兴趣画像和背后的浏览记录',
  'recs.offKeep': '暂不删除',
  'recs.offDone': '已删除。',
  'recs.offClose': '完成',
  'register.brands.title': '关注的品牌（可选）',
  'register.brands.hint': '选中的品牌会加入“我的关注”，首页会优先推荐它们的资讯；随时可以取消关注。',
} as const;

export const recsEn = {
  'recs.notice':
    'Recommended for you: an algorithm orders these items by the tags you chose, what you follow and what you read; each one says why it is here.',
  'recs.manage': 'See and delete my interests',
  'recs.switch': 'Turn personalisation off',
  'recs.reason': 'Why this is recommended',
  'recs.notInterested': 'Not interested',
  'recs.notInterestedLabel': 'Not interested: {title}',
  'recs.dismissed': 'You will see less like this.',
  'recs.dismissFailed': 'That did not work. Please try again later.',
  'recs.offTitle': 'Personalisation is off',
  'recs.offBody':
    'From the next refresh the home page shows the same general content as for visitors who are not signed in, and your reading is no longer recorded for recommendations. Delete the interest profile built so far as well?',
  'recs.offDeleteProfile': 'Delete the interest profile',
  'recs.offDeleteAll': 'Delete the profile and the reading records behind it',
  'recs.offKeep': 'Not now',
  'recs.offDone': 'Deleted.',
  'recs.offClose': 'Done',
  'register.brands.title': 'Brands to follow (optional)',
  'register.brands.hint':
    'Chosen brands join what you follow and their news comes first on the home page; unfollow them at any time.',
} satisfies Record<keyof typeof recsZh, string>;
