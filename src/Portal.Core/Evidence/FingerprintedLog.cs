using System.IO.Compression;
using System.Security.Cryptography;

namespace Portal.Core.Evidence;

/// <summary>
/// A log opened for import and known by its first bytes: the SHA-256 of its first <see cref="FingerprintBytes"/> bytes
/// of content, decompressed. Renaming (logrotate's maillog → maillog.1) and compressing (maillog.2.gz) keep a file's
/// fingerprint, and so what was counted from it; a truncated file that starts again (copytruncate) gets a new one. A
/// file shorter than that is known by what it has (<see cref="PrefixBytes"/>), and found again once it has grown by
/// <see cref="FingerprintOf"/> its first bytes. Nothing of the content is kept but the hash.
/// </summary>
public sealed class FingerprintedLog : IDisposable
{
    public const int FingerprintBytes = 4096;

    private readonly byte[] _head;
    private readonly Stream _content;
    private readonly DamageGuard? _guard;

    private FingerprintedLog(byte[] head, int headLength, Stream content, DamageGuard? guard)
    {
        _head = head;
        PrefixBytes = headLength;
        _content = content;
        _guard = guard;
        Fingerprint = FingerprintOf(headLength);
        Lines = new CompleteLinesStream(new LogLineReader.HeadThenRest(head[..headLength], content, leaveOpen: true));
    }

    /// <summary>The hex SHA-256 of the first <see cref="PrefixBytes"/> bytes of content.</summary>
    public string Fingerprint { get; }

    /// <summary>How many bytes the fingerprint covers: <see cref="FingerprintBytes"/>, or fewer for a shorter file; 0 for an empty one.</summary>
    public int PrefixBytes { get; }

    /// <summary>The content from its first byte, decompressed, up to its last end of line (a line still being written is left for the next read).</summary>
    public Stream Lines { get; }

    /// <summary>The file was gzip and its data was damaged: the lines before the damage were read.</summary>
    public bool CompressedDamaged => _guard?.Damaged == true;

    /// <summary>The fingerprint of the first <paramref name="bytes"/> bytes (at most <see cref="PrefixBytes"/>): to find a file known when it was shorter.</summary>
    public string FingerprintOf(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, PrefixBytes);
        return Convert.ToHexStringLower(SHA256.HashData(_head.AsSpan(0, bytes)));
    }

    /// <summary>Reads the first bytes of <paramref name="raw"/> (decompressing gzip, known by its magic bytes) and keeps them for <see cref="Lines"/>.</summary>
    public static FingerprintedLog Open(Stream raw, bool leaveOpen)
    {
        var rawHead = new byte[FingerprintBytes];
        var rawLength = ReadUpTo(raw, rawHead);
        if (rawLength >= 2 && rawHead[0] == 0x1f && rawHead[1] == 0x8b)
        {
            var guard = new DamageGuard(new GZipStream(new LogLineReader.HeadThenRest(rawHead[..rawLength], raw, leaveOpen), CompressionMode.Decompress));
            var head = new byte[FingerprintBytes];
            return new FingerprintedLog(head, ReadUpTo(guard, head), guard, guard);
        }

        return new FingerprintedLog(rawHead, rawLength, new LogLineReader.HeadThenRest([], raw, leaveOpen), null);
    }

    public void Dispose()
    {
        Lines.Dispose();
        _content.Dispose();
    }

    private static int ReadUpTo(Stream stream, byte[] buffer)
    {
        var length = 0;
        while (length < buffer.Length)
        {
            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0) break;
            length += read;
        }

        return length;
    }

    /// <summary>Damaged deflate data ends the content instead of the import: what came before it still counts.</summary>
    private sealed class DamageGuard(Stream inner) : ForwardOnlyStream
    {
        public bool Damaged { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (Damaged) return 0;
            try
            {
                return inner.Read(buffer);
            }
            catch (InvalidDataException)
            {
                Damaged = true;
                return 0;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
