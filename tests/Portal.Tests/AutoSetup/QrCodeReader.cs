using System.Buffers.Binary;
using System.IO.Compression;
using ZXing;
using ZXing.Common;

namespace Portal.Tests.AutoSetup;

/// <summary>
/// Reads the text of a QR code from the portal's PNG (1-bit grayscale, unfiltered rows, as QRCoder writes it) with ZXing,
/// a decoder that shares nothing with the encoder.
/// </summary>
public static class QrCodeReader
{
    public static string Read(byte[] png)
    {
        var (width, height, pixels) = Decode(png);
        var source = new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        // A drawn code, not a photo: square modules on a quiet zone, so ZXing may read the modules straight off the grid.
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true };
        var result = new ZXing.QrCode.QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
        Assert.NotNull(result);
        return result.Text;
    }

    private static (int Width, int Height, byte[] Gray) Decode(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        int width = 0, height = 0;
        using var compressed = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(1, data[8]); // bit depth
                Assert.Equal(0, data[9]); // grayscale
                Assert.Equal(0, data[12]); // not interlaced
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }

            at += 12 + length;
        }

        compressed.Position = 0;
        using var inflate = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        var rows = raw.ToArray();
        var stride = 1 + (width + 7) / 8;
        var gray = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, rows[y * stride]); // filter: none
            for (var x = 0; x < width; x++)
                gray[y * width + x] = (rows[y * stride + 1 + x / 8] >> (7 - x % 8) & 1) == 1 ? (byte)255 : (byte)0;
        }

        return (width, height, gray);
    }
}
