/** 附近: regional content first, the location consent and the region kept (never the position). */
export const locationZh = {
  'location.title': '附近',
  'location.entry': '附近 ›',
  'location.explain':
    '开启后，优先显示您所在省份的资讯、展会和二手设备。只有在您点击下面的按钮时才会读取一次设备位置，并换算为省份和城市（按最近的城市估算，可能不够精确）；我们只保存地区，不保存位置坐标。',
  'location.use': '使用我的位置',
  'location.anonymousHint': '未登录时，地区只保存在本设备上，可随时清除。',
  'location.deviceOnly': '地区只保存在本设备上。',
  'location.current': '当前地区：{region}',
  'location.clear': '清除地区',
  'location.consentTitle': '需要开启“位置信息”授权',
  'location.acknowledge': '我已阅读并理解位置信息的用途和影响，同意开启',
  'location.grantAndUse': '开启并使用我的位置',
  'location.switchHint': '可随时在隐私中心关闭，关闭后已保存的地区会立即删除。',
  'location.privacyLink': '前往隐私中心',
  'location.denied':
    '浏览器未允许获取位置，附近功能保持关闭。如需使用，请在浏览器设置中允许本网站获取位置后重试。',
  'location.unavailable': '暂时无法获取位置，请稍后重试。',
  'location.unsupported': '此浏览器不支持获取位置。',
  'location.outside': '您的位置不在服务范围内，暂无地区内容。',
  'location.failed': '操作未成功，请稍后再试。',
  'location.section.news': '本地资讯',
  'location.section.events': '附近展会与会议',
  'location.section.used': '二手设备与租赁',
  'location.sectionEmpty': '本地区暂无此类内容。',
  'location.regionalChip': '本地',
} as const;

export const locationEn = {
  'location.title': 'Nearby',
  'location.entry': 'Nearby ›',
  'location.explain':
    'When on, news, fairs and used machines of your province come first. Your device’s position is read once, only when you tap the button below, and turned into a province and city (by the nearest city, so it may be approximate); we keep only the region, never the position.',
  'location.use': 'Use my location',
  'location.anonymousHint': 'Signed out, the region stays on this device only; clear it at any time.',
  'location.deviceOnly': 'The region is kept on this device only.',
  'location.current': 'Current region: {region}',
  'location.clear': 'Clear region',
  'location.consentTitle': 'This needs the “location” consent',
  'location.acknowledge': 'I have read what location is used for and its impact, and turn it on',
  'location.grantAndUse': 'Turn on and use my location',
  'location.switchHint':
    'Turn it off at any time in the Privacy Center; the stored region is deleted at once.',
  'location.privacyLink': 'Open the Privacy Center',
  'location.denied':
    'The browser did not allow access to your location, so Nearby stays off. To use it, allow this site to read your location in the browser’s settings and try again.',
  'location.unavailable': 'Your location is not available right now; please try again later.',
  'location.unsupported': 'This browser cannot provide a location.',
  'location.outside': 'Your position is outside the area we serve; there is no regional content for it.',
  'location.failed': 'That did not work; please try again later.',
  'location.section.news': 'Local news',
  'location.section.events': 'Fairs and conferences nearby',
  'location.section.used': 'Used equipment and rental',
  'location.sectionEmpty': 'Nothing of this kind in your region yet.',
  'location.regionalChip': 'Local',
} satisfies Record<keyof typeof locationZh, string>;
