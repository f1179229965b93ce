import { systemClock } from './clock.js';

/** Injection token for the Clock; tests and the simulator may provide a faster one. */
export const CLOCK = Symbol('CLOCK');
export const clockProvider = { provide: CLOCK, useValue: systemClock };
