/** The Privacy Center's "my records" list and the page of searches the server keeps. */
export const myDataZh = {
  'mydata.title': '我的记录',
  'mydata.hint': '以下记录都可以自己查看和删除，无需提交申请。',
  'mydata.searches.title': '搜索记录',
  'mydata.searches.hint': '服务器保存的搜索词',
  'mydata.searches.note':
    '只有在您开启「个性化推荐」时，服务器才保存您的搜索词，保存 90 天。搜索框里的历史只保存在本设备上，在搜索页清除。',
  'mydata.searches.empty': '服务器没有保存您的搜索记录',
  'mydata.searches.delete': '删除',
  'mydata.searches.deleteLabel': '删除搜索记录“{query}”',
  'mydata.searches.clear': '清空搜索记录',
  'mydata.searches.clearConfirm': '确定清空服务器保存的全部搜索记录吗？此操作不能撤销。',
  'mydata.searches.cleared': '搜索记录已清空',
  'mydata.searches.deleted': '已删除',
  'mydata.searches.failed': '操作没有成功，请稍后再试',
  'mydata.searches.cancel': '取消',
} as const;

export const myDataEn = {
  'mydata.title': 'My records',
  'mydata.hint': 'You can see and delete each of these yourself, without filing a request.',
  'mydata.searches.title': 'Search history',
  'mydata.searches.hint': 'Searches kept on the server',
  'mydata.searches.note':
    'The server keeps your searches only while “Personalised recommendations” is on, for 90 days. The history in the search box stays on this device; clear it on the search page.',
  'mydata.searches.empty': 'The server keeps no searches of yours',
  'mydata.searches.delete': 'Delete',
  'mydata.searches.deleteLabel': 'Delete the search “{query}”',
  'mydata.searches.clear': 'Clear search history',
  'mydata.searches.clearConfirm': 'Clear every search the server keeps for you? This cannot be undone.',
  'mydata.searches.cleared': 'Search history cleared',
  'mydata.searches.deleted': 'Deleted',
  'mydata.searches.failed': 'That did not work; please try again later',
  'mydata.searches.cancel': 'Cancel',
} satisfies Record<keyof typeof myDataZh, string>;
