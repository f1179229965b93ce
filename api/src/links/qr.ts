import QRCode from 'qrcode';

export type QrFormat = 'png' | 'svg';

/** Quiet zone in modules: the 4 the QR standard asks for, so a printed code scans next to other ink. */
const MARGIN = 4;

/**
 * A QR code of the text. Error correction Q survives a quarter of the code smudged or covered (posters,
 * packaging); a text too long for Q at the largest version falls back to M, which holds more.
 */
export async function renderQr(text: string, format: QrFormat): Promise<Buffer> {
  for (const errorCorrectionLevel of ['Q', 'M'] as const) {
    try {
      if (format === 'png')
        return await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel, margin: MARGIN, width: 512 });
      return Buffer.from(await QRCode.toString(text, { type: 'svg', errorCorrectionLevel, margin: MARGIN }), 'utf8');
    } catch (error) {
      if (errorCorrectionLevel === 'M') throw error;
    }
  }
  throw new Error('unreachable');
}
