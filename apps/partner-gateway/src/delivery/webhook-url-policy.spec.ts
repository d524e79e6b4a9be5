import { addressAllowed, checkWebhookUrl, type Resolver } from './webhook-url-policy';

const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses;
const unresolvable: Resolver = async () => {
  throw new Error('ENOTFOUND');
};
const publicHost = resolvesTo('203.0.114.10');

describe('webhook URL policy', () => {
  it('accepts an https URL of a public host', async () => {
    await expect(
      checkWebhookUrl('https://hooks.ong.example/reintegra', 'production', publicHost),
    ).resolves.toBeNull();
  });

  it.each([
    ['http://hooks.ong.example/x', 'webhook-url.https-required'],
    ['http://127.0.0.1:8080/x', 'webhook-url.https-required'],
    ['ftp://hooks.ong.example/x', 'webhook-url.invalid'],
    ['not a url', 'webhook-url.invalid'],
    ['https://user:pw@hooks.ong.example/x', 'webhook-url.credentials'],
    ['https://10.1.2.3/x', 'webhook-url.private-address'],
    ['https://192.168.1.10/x', 'webhook-url.private-address'],
    ['https://127.0.0.1/x', 'webhook-url.private-address'],
    ['https://169.254.169.254/latest/meta-data', 'webhook-url.private-address'],
    ['https://[::1]/x', 'webhook-url.private-address'],
    ['https://[fd00:ec2::254]/x', 'webhook-url.private-address'],
    ['https://[::ffff:10.0.0.1]/x', 'webhook-url.private-address'],
  ])('refuses %s in production (%s)', async (url, code) => {
    await expect(checkWebhookUrl(url, 'production', publicHost)).resolves.toBe(code);
  });

  it('refuses a host name that resolves to a private or metadata address', async () => {
    await expect(
      checkWebhookUrl('https://metadata.internal/x', 'production', resolvesTo('169.254.169.254')),
    ).resolves.toBe('webhook-url.private-address');
    await expect(
      checkWebhookUrl(
        'https://mixed.example/x',
        'production',
        resolvesTo('203.0.114.10', '10.0.0.5'),
      ),
    ).resolves.toBe('webhook-url.private-address');
    await expect(
      checkWebhookUrl('https://nowhere.example/x', 'production', unresolvable),
    ).resolves.toBe('webhook-url.unresolvable');
  });

  it('lets development and tests use a local plain-http receiver, and nothing else private', async () => {
    await expect(
      checkWebhookUrl('http://127.0.0.1:9000/hook', 'test', publicHost),
    ).resolves.toBeNull();
    await expect(
      checkWebhookUrl('http://localhost:9000/hook', 'development', resolvesTo('127.0.0.1')),
    ).resolves.toBeNull();
    await expect(checkWebhookUrl('http://10.0.0.7/hook', 'test', publicHost)).resolves.toBe(
      'webhook-url.https-required',
    );
    await expect(checkWebhookUrl('https://10.0.0.7/hook', 'development', publicHost)).resolves.toBe(
      'webhook-url.private-address',
    );
  });

  it('judges addresses at connection time the same way', () => {
    expect(addressAllowed('8.8.8.8', 'production')).toBe(true);
    expect(addressAllowed('2001:4860:4860::8888', 'production')).toBe(true);
    expect(addressAllowed('127.0.0.1', 'production')).toBe(false);
    expect(addressAllowed('127.0.0.1', 'test')).toBe(true);
    expect(addressAllowed('172.20.0.1', 'test')).toBe(false);
    expect(addressAllowed('::ffff:169.254.169.254', 'development')).toBe(false);
  });
});
