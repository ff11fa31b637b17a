using System.Buffers;
using System.IO.Compression;

namespace Portal.Core.Evidence;

/// <summary>
/// Splits a log stream into lines as bytes in one reused buffer, so memory stays the same for a file of any size.
/// A gzip stream (by its magic bytes, not its name) is decompressed on the way.
/// </summary>
internal sealed class LogLineReader : IDisposable
{
    /// <summary>Far above any Postfix record (msg_logger cuts them at about 2,000 characters) and syslog's own limits.</summary>
    public const int MaxLineBytes = 64 * 1024;

    private Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(MaxLineBytes);
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _skippingLongLine;

    public LogLineReader(Stream stream, bool leaveOpen)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Fill();
        if (_end - _start >= 2 && _buffer[_start] == 0x1f && _buffer[_start + 1] == 0x8b)
        {
            // What was read already goes through the decompressor first; GZipStream reads concatenated members too.
            var head = _buffer.AsSpan(_start, _end - _start).ToArray();
            _stream = new GZipStream(new HeadThenRest(head, stream, leaveOpen), CompressionMode.Decompress, leaveOpen: false);
            _leaveOpen = false;
            _start = _end = 0;
            _endOfStream = false;
        }
    }

    /// <summary>The stream was gzip and its data was damaged: the lines before the damage were returned.</summary>
    public bool CompressedDamaged { get; private set; }

    /// <summary>
    /// The next line without its end of line. <paramref name="tooLong"/> marks a line longer than
    /// <see cref="MaxLineBytes"/>: it is returned once, empty, and the rest of it is skipped.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                if (_skippingLongLine)
                {
                    _skippingLongLine = false;
                    continue;
                }

                line = TrimCarriageReturn(pending[..newline]);
                tooLong = false;
                return true;
            }

            if (_endOfStream)
            {
                _start = _end;
                if (pending.IsEmpty || _skippingLongLine)
                {
                    _skippingLongLine = false;
                    line = default;
                    tooLong = false;
                    return false;
                }

                // The last line had no end of line (cut short, or still being written).
                line = TrimCarriageReturn(pending);
                tooLong = false;
                return true;
            }

            if (pending.Length == _buffer.Length)
            {
                // A whole buffer without an end of line: report it once and drop it up to its end.
                _start = _end = 0;
                var wasSkipping = _skippingLongLine;
                _skippingLongLine = true;
                if (!wasSkipping)
                {
                    line = default;
                    tooLong = true;
                    return true;
                }
            }

            Fill();
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        while (_end < _buffer.Length)
        {
            int read;
            try
            {
                read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            }
            catch (InvalidDataException) when (_stream is GZipStream)
            {
                // Damaged deflate data: what came before it still counts.
                CompressedDamaged = true;
                read = 0;
            }

            if (read == 0)
            {
                _endOfStream = true;
                return;
            }

            _end += read;
            if (_buffer.AsSpan(_end - read, read).Contains((byte)'\n')) return;
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>Bytes already read from a stream, then the rest of it.</summary>
    internal sealed class HeadThenRest(byte[] head, Stream rest, bool leaveOpen) : ForwardOnlyStream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < head.Length)
            {
                var n = Math.Min(buffer.Length, head.Length - _position);
                head.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            return rest.Read(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen) rest.Dispose();
            base.Dispose(disposing);
        }
    }
}
