// The audit trail as the supervisor reads it: each action the terminal writes, in Chinese.
// An action missing here is shown by its code (a new one is never hidden).

export const AUDIT_ACTION_LABEL: Readonly<Record<string, string>> = {
	'signed-in': '登录',
	'signed-out': '退出登录',
	'sign-in-failed': '登录失败',
	'sign-in-refused-locked': '登录被拒（已锁定）',
	'account-locked': '连续输错被锁定',
	'account-unlocked': '解除锁定',
	'password-reset': '重设密码',
	'clerk-added': '新建人员',
	'clerk-removed': '移除人员',
	'supervisor-checked': '值班长现场核验通过',
	'supervisor-check-failed': '值班长现场核验未通过',
	'override-granted': '值班长授权',
	'override-refused': '值班长授权被拒',
	'supervisor-closed': '值班长结束卡住的业务',
	'claim-released': '值班长解除申报占用',
	'session-started': '开始业务',
	'declaration-voided': '作废申报',
	'money-moved': '资金变动',
	'paper-issued': '开具有价票证',
	'voucher-booked': '记入完税凭证号',
	'cash-held': '现金暂存',
	'refund-requested': '申请退款',
	'bank-stub-recorded': '登记银行回执',
	'manual-link': '人工关联',
	'document-reprinted': '补打',
	'drawer-opened-without-sale': '无交易开钱箱',
	'test-print': '打印测试页',
	'calendar-year-entered': '录入节假日安排',
	'collector-registered': '登记代办员',
	'county-limits-set': '设定双限',
	'limit-breach-confirmed': '确认超限（集中代收）',
	'journal-backed-up': '备份日志',
	'kiosk.cardRead': '自助终端读取身份证',
	'kiosk.printed': '自助终端打印凭证'
};

export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABEL[action] ?? action;
