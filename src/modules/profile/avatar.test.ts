import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { users } from '../accounts/tables.ts';
import { avatarDir } from './avatar.ts';
import { multipartBody } from './testing.ts';

/** GPS position written into the test photo: 39°54'27.16"N 116°23'29.11"E (Tiananmen). */
const GPS = { lat: '39/1 54/1 2716/100', lon: '116/1 23/1 2911/100' };
const CAMERA = 'CCMTestCam';

/** An 800×400 JPEG, red left and blue right, that cameras would show rotated (EXIF orientation 6). */
async function photoWithGps(): Promise<Buffer> {
  const blue = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#0000ff' } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 800, height: 400, channels: 3, background: '#ff0000' } })
    .composite([{ input: blue, left: 400, top: 0 }])
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: CAMERA, Model: 'Model-GPS-1' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: GPS.lat, GPSLongitudeRef: 'E', GPSLongitude: GPS.lon },
      },
    })
    .jpeg()
    .toBuffer();
}

const plain = (format: 'png' | 'webp' | 'gif') =>
  sharp({ create: { width: 300, height: 200, channels: 3, background: '#22aa44' } })
    .toFormat(format)
    .toBuffer();

/** The 8 bytes of the rational 2716/100 as EXIF stores it (little-endian, as sharp writes). */
const latitudeSeconds = Buffer.from([0x9c, 0x0a, 0, 0, 0x64, 0, 0, 0]);

describe('PUT /me/avatar and /media/avatars', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const upload = (
    headers: Record<string, string>,
    file: Buffer,
    options?: Parameters<typeof multipartBody>[1],
  ) => {
    const body = multipartBody(file, options);
    return t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/avatar',
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  };
  const storedPath = async (userId: number) =>
    (await t.database.db.select({ p: users.avatarPath }).from(users).where(eq(users.id, userId)))[0].p;
  const fileOf = (avatarPath: string) =>
    path.join(avatarDir(t.config.dataDir), avatarPath.replace('avatars/', ''));

  it('stores a photo as a 512×512 WebP, upright, with every piece of metadata gone', async () => {
    const photo = await photoWithGps();
    const original = await sharp(photo).metadata();
    expect(original.exif).toBeDefined(); // the test photo really carries EXIF and GPS
    expect(original.exif!.includes(latitudeSeconds)).toBe(true);
    expect(photo.includes(CAMERA)).toBe(true);

    const m = await makeMember(t.app);
    const res = await upload(m.headers, photo);
    expect(res.statusCode, res.body).toBe(200);
    const { avatarUrl } = res.json();
    expect(avatarUrl).toMatch(/^\/media\/avatars\/[0-9a-f]{32}\.webp$/);
    const avatarPath = await storedPath(m.userId);
    expect(avatarPath).toBe(avatarUrl.replace('/media/', ''));

    const stored = readFileSync(fileOf(avatarPath!));
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 512, height: 512 });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    for (const needle of ['Exif', 'EXIF', 'ICCP', 'XMP ', CAMERA, 'Model-GPS-1']) {
      expect(stored.includes(needle), needle).toBe(false);
    }
    expect(stored.includes(latitudeSeconds)).toBe(false);

    // Orientation 6 turns the red-left/blue-right picture into red-top/blue-bottom.
    const { data, info } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * 512 + x) * info.channels, (y * 512 + x) * info.channels + 3),
    ];
    expect(pixel(256, 20)[0]).toBeGreaterThan(200); // red on top
    expect(pixel(256, 490)[2]).toBeGreaterThan(200); // blue at the bottom

    const me = await t.app.inject({ url: '/api/v1/me', headers: m.headers });
    expect(me.json().avatarUrl).toBe(avatarUrl);
  });

  it('accepts PNG and WebP, decides by content not name, and deletes the replaced file', async () => {
    const m = await makeMember(t.app);
    const png = await upload(m.headers, await plain('png'), { filename: 'me.png', type: 'image/png' });
    expect(png.statusCode, png.body).toBe(200);
    const first = (await storedPath(m.userId))!;
    expect(existsSync(fileOf(first))).toBe(true);

    const webp = await upload(m.headers, await plain('webp'), { filename: 'me.webp', type: 'image/webp' });
    expect(webp.statusCode, webp.body).toBe(200);
    const second = (await storedPath(m.userId))!;
    expect(second).not.toBe(first);
    expect(existsSync(fileOf(second))).toBe(true);
    expect(existsSync(fileOf(first))).toBe(false);

    // A PNG sent under a .jpg name and type is still a PNG, and still welcome.
    const misnamed = await upload(m.headers, await plain('png'), { filename: 'a.jpg', type: 'image/jpeg' });
    expect(misnamed.statusCode).toBe(200);
  });

  describe('refusals keep the old avatar', () => {
    async function memberWithAvatar() {
      const m = await makeMember(t.app);
      expect((await upload(m.headers, await plain('png'))).statusCode).toBe(200);
      const before = (await storedPath(m.userId))!;
      return { ...m, before };
    }
    async function expectUnchanged(m: { userId: number; before: string }) {
      expect(await storedPath(m.userId)).toBe(m.before);
      expect(existsSync(fileOf(m.before))).toBe(true);
    }

    it('refuses a text file named a.jpg with 415', async () => {
      const m = await memberWithAvatar();
      const res = await upload(m.headers, Buffer.from('just some text, honestly\n'), { filename: 'a.jpg' });
      expect(res.statusCode).toBe(415);
      expect(res.json().code).toBe('profile.avatar_type');
      expect(res.json().detail).toMatch(/JPEG, PNG or WebP/);
      await expectUnchanged(m);
    });

    it('refuses GIF and SVG with 415', async () => {
      const m = await memberWithAvatar();
      const gif = await upload(m.headers, await plain('gif'), { filename: 'a.gif', type: 'image/gif' });
      expect(gif.statusCode).toBe(415);
      expect(gif.json().code).toBe('profile.avatar_type');
      const svg = Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
      );
      const res = await upload(m.headers, svg, { filename: 'a.svg', type: 'image/svg+xml' });
      expect(res.statusCode).toBe(415);
      expect(res.json().code).toBe('profile.avatar_type');
      await expectUnchanged(m);
    });

    it('refuses a damaged JPEG with 415', async () => {
      const m = await memberWithAvatar();
      const photo = await photoWithGps();
      const res = await upload(m.headers, photo.subarray(0, Math.floor(photo.length / 2)));
      expect(res.statusCode).toBe(415);
      expect(res.json().code).toBe('profile.avatar_unreadable');
      await expectUnchanged(m);
    });

    it('refuses 6 MB with 413', async () => {
      const m = await memberWithAvatar();
      const big = Buffer.alloc(6 * 1024 * 1024, 0x41);
      big.set([0xff, 0xd8, 0xff, 0xe0]);
      const res = await upload(m.headers, big);
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('request.body_too_large');
      await expectUnchanged(m);
    });
  });

  it('asks for well-formed multipart with a "file" field, and for a session', async () => {
    const m = await makeMember(t.app);
    const json = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/avatar',
      headers: m.headers,
      payload: {},
    });
    expect(json.statusCode).toBe(415);
    const wrongField = await upload(m.headers, await plain('png'), { field: 'picture' });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().errors[0].path).toBe('body.file');
    const anonymous = await upload({}, await plain('png'));
    expect(anonymous.statusCode).toBe(401);
    for (const [contentType, payload] of [
      [
        'multipart/form-data; boundary=XYZ',
        '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
      ],
      ['multipart/form-data', 'no boundary at all'],
    ]) {
      const malformed = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/me/avatar',
        headers: { ...m.headers, 'content-type': contentType },
        payload,
      });
      expect(malformed.statusCode, contentType).toBe(400);
      expect(malformed.json().code).toBe('request.bad_request');
    }
  });

  it('serves stored avatars as immutable WebP, and nothing else', async () => {
    const m = await makeMember(t.app);
    const { avatarUrl } = (await upload(m.headers, await plain('png'))).json();
    const res = await t.app.inject({ url: avatarUrl });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(readFileSync(fileOf(avatarUrl.replace('/media/', ''))))).toBe(true);

    for (const url of [
      '/media/avatars/../../package.json',
      '/media/avatars/..%2F..%2Fpackage.json',
      '/media/avatars/%2e%2e%2f%2e%2e%2fpackage.json',
      '/media/avatars/..%5C..%5Cpackage.json',
      `/media/avatars/${'0'.repeat(32)}.webp`,
      `${avatarUrl}.png`,
      '/media/avatars/',
      '/media/avatars',
      '/media/',
    ]) {
      const refused = await t.app.inject({ url });
      expect(refused.statusCode, url).toBe(404);
      expect(refused.headers['content-type'], url).toContain('application/problem+json');
    }
  });
});
