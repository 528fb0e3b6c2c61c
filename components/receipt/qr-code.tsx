import QRCode from "qrcode";

/**
 * A QR code of `text`, drawn on the server as inline SVG: no script, no image request, crisp
 * when printed. Error correction M survives a crumpled slip.
 */
export async function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1, color: { dark: "#000000", light: "#ffffff" } });
  return <div role="img" aria-label={label} className={className} data-testid="qr" dangerouslySetInnerHTML={{ __html: svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ') }} />;
}
