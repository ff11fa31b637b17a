using QRCoder;

namespace Portal.Core.AutoSetup;

/// <summary>A QR code as a PNG data: URI, which the site's Content-Security-Policy allows (img-src 'self' data:) without any script.</summary>
public static class QrCode
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6, drawQuietZones: true);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
