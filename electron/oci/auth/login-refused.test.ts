import { describe, expect, it } from 'vitest';
import { LoginRefusedError, serviceMessageOf } from './login-refused';

describe('serviceMessageOf', () => {
  it('reads Distribution errors, OAuth2 error_description and details', () => {
    expect(serviceMessageOf('{"errors":[{"code":"UNAUTHORIZED","message":"invalid username or password"}]}')).toBe('invalid username or password');
    expect(serviceMessageOf('{"error":"invalid_grant","error_description":"unknown or revoked refresh token"}')).toBe('unknown or revoked refresh token');
    expect(serviceMessageOf('{"details":"incorrect username or password"}')).toBe('incorrect username or password');
  });

  it('says nothing for bodies that are not JSON or carry no message', () => {
    expect(serviceMessageOf('<html>401</html>')).toBeUndefined();
    expect(serviceMessageOf('{"errors":[{"code":"UNAUTHORIZED"}]}')).toBeUndefined();
    expect(serviceMessageOf('null')).toBeUndefined();
    expect(serviceMessageOf('{"error_description":"   "}')).toBeUndefined();
  });

  it('bounds the message and keeps it on one line', () => {
    const message = serviceMessageOf(JSON.stringify({ error_description: `bad\r\nlogin ${'x'.repeat(1000)}` }));
    expect(message).toMatch(/^bad login x+$/);
    expect(message!.length).toBe(200);
  });
});

describe('LoginRefusedError', () => {
  it('is an unauthorized ContractError whose own message does not quote the service', () => {
    const error = new LoginRefusedError('registry.example.com', 'invalid username or password');
    expect(error.toPayload()).toEqual({ code: 'unauthorized', message: 'registry.example.com refused the login: check the user name and password.' });
    expect(error.serviceMessage).toBe('invalid username or password');
  });
});
