import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../../src/db/connect-database.js';
import { hasUrlCredentials, maskUrlCredentials, redactQuery } from '../../../src/logging/redact-url.js';

describe('database URL masking (redactUrl)', () => {
  it.each([
    ['postgres://u:secret@h/db', 'postgres://u:***@h/db'],
    // An unencoded @ in the password: the host starts after the LAST @.
    ['postgres://u:pa@ss:w0rd@h/db', 'postgres://u:***@h/db'],
    ['mysql://root:p@ss/w:rd@127.0.0.1:3306/shop', 'mysql://root:***@127.0.0.1:3306/shop'],
    // An empty user name still hides the password.
    ['postgres://:secret@h:5432/db', 'postgres://:***@h:5432/db'],
    ['postgresql://app:p%40ss@db.example/shop?sslmode=require', 'postgresql://app:***@db.example/shop?sslmode=require'],
    ['postgres://app@h/db', 'postgres://app@h/db'],
    ['postgres://h/db?password=secret&application_name=x', 'postgres://h/db?password=[redacted]&application_name=x'],
    ['sqlite:/var/lib/shop.db', 'sqlite:/var/lib/shop.db'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
    expect(redactUrl(url)).not.toMatch(/secret|pa@ss|w0rd|p@ss|p%40ss/);
  });
});

describe('store URL masking', () => {
  it('hides the whole user info: a key may be the user name', () => {
    expect(maskUrlCredentials('http://admin:pass@shop.example/x')).toBe('http://***@shop.example/x');
    expect(maskUrlCredentials('https://WSKEY@shop.example')).toBe('https://***@shop.example');
    expect(maskUrlCredentials('https://shop.example/it')).toBe('https://shop.example/it');
    expect(hasUrlCredentials('http://admin:pass@shop.example')).toBe(true);
    expect(hasUrlCredentials('http://:pass@shop.example')).toBe(true);
    expect(hasUrlCredentials('http://shop.example/@home')).toBe(false);
  });
});

describe('redactQuery', () => {
  it('keeps the path and harmless parameters, redacts values of secret names', () => {
    expect(redactQuery('/api/v1/orders?token=abc&page=2')).toBe('/api/v1/orders?token=[redacted]&page=2');
    expect(redactQuery('/x?ws_key=K&key=K2&api_key=K3&secret=S&password=P&access_token=T&X-Api-Key=Z&limit=5'))
      .toBe('/x?ws_key=[redacted]&key=[redacted]&api_key=[redacted]&secret=[redacted]&password=[redacted]&access_token=[redacted]&X-Api-Key=[redacted]&limit=5');
    expect(redactQuery('/x?%74oken=abc')).toBe('/x?%74oken=[redacted]');
    expect(redactQuery('/api/v1/orders')).toBe('/api/v1/orders');
    expect(redactQuery('/x?monkey=1')).toBe('/x?monkey=1');
  });
});
