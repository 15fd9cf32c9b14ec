import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { maskPhone, normalisePhone, parsePhone } from './phone.ts';

describe('phone numbers', () => {
  it('accept mainland 11-digit numbers and E.164, giving E.164', () => {
    expect(parsePhone('13812345678')).toBe('+8613812345678');
    expect(parsePhone('138 1234 5678')).toBe('+8613812345678');
    expect(parsePhone('+8613812345678')).toBe('+8613812345678');
    expect(parsePhone('008613812345678')).toBe('+8613812345678');
    expect(parsePhone('+85291234567')).toBe('+85291234567');
  });

  it('refuse what is not a mobile number', () => {
    for (const bad of [
      '12812345678',
      '1381234567',
      '+86010123456',
      'abc',
      '',
      '+0123456789',
      '138123456789',
    ]) {
      expect(parsePhone(bad), bad).toBeUndefined();
    }
    expect(() => normalisePhone('123')).toThrow(AppError);
    try {
      normalisePhone('123');
    } catch (err) {
      expect((err as AppError).extra.errors?.[0].path).toBe('body.phone');
    }
  });

  it('are shown masked', () => {
    expect(maskPhone('+8613812345678')).toBe('138****5678');
    expect(maskPhone('+85291234567')).toBe('+85****4567');
  });
});
