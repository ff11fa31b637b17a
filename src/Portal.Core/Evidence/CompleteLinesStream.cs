namespace Portal.Core.Evidence;

/// <summary>
/// A stream of log lines that ends at its last end of line: a line the server is still writing when the read gets
/// there is not passed on (it would be counted as read, and its record lost or made from half a line), so the next
/// read starts with it whole. Reads block only as the inner stream does: what is complete is passed on at once.
/// </summary>
internal sealed class CompleteLinesStream(Stream inner) : ForwardOnlyStream
{
    // Longer than any line the reader takes (LogLineReader.MaxLineBytes): a longer run without an end of line is passed
    // on as it is, for the reader to report as too long.
    private readonly byte[] _buffer = new byte[2 * LogLineReader.MaxLineBytes];
    private int _start;
    private int _complete;
    private int _end;
    private bool _endOfStream;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty) return 0;
        while (_complete == _start)
        {
            if (_endOfStream) return 0; // what is left has no end of line: it stays for the next read of the log
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _complete = _start = 0;
            }

            var read = inner.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
                continue;
            }

            var newline = _buffer.AsSpan(_end, read).LastIndexOf((byte)'\n');
            _end += read;
            if (newline >= 0) _complete = _end - read + newline + 1;
            else if (_end == _buffer.Length) _complete = _end;
        }

        var n = Math.Min(destination.Length, _complete - _start);
        _buffer.AsSpan(_start, n).CopyTo(destination);
        _start += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
