/**
 * The sample key and secret printed on the upstream API page. They are public, so the reference
 * server accepts them by default and the upstream samples run against it unchanged.
 */
export const DEMO_API_KEY = 'B433BFF1CDE7450AA38A56BEAC690DD4';
export const DEMO_API_SECRET = '0285A2741D0E76E2E187260EB23E51851D48403A756333E7D0CF845406ABF3E8';
