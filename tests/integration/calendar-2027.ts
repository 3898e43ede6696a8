// A made-up 2027 arrangement of the right shape (not the official one), as the holiday form posts it.

/** One range (or day) per statutory festival. */
export const FESTIVALS_2027 = {
	newYear: '2027-01-01~2027-01-03',
	springFestival: '2027-02-06~2027-02-13',
	qingming: '2027-04-05',
	labourDay: '2027-05-01~2027-05-05',
	dragonBoat: '2027-06-09',
	midAutumn: '2027-09-15',
	nationalDay: '2027-10-01~2027-10-07'
};

/** The whole form: year, source, the festivals and the weekend workdays. */
export const FORM_2027 = {
	year: '2027',
	source: '测试用安排（非官方）',
	...FESTIVALS_2027,
	workdays: '2027-02-14, 2027-10-09'
};
