namespace Portal.Core.Evidence;

/// <summary>
/// Connections or messages seen starting and not yet finished, by key, with a limit on both age (log time) and count:
/// on an endless log whatever never finishes (a lost line, a rejected message) is given up oldest first, so memory
/// stays flat. Entries are kept in the order they opened, in a list threaded through them, so that finishing one
/// frees it at once. Looked up by a span of characters, so that a line that finds nothing allocates nothing.
/// </summary>
internal sealed class OpenEntries<T>(int capacity, long maxAgeTicks, Action<T> givenUp) where T : OpenEntry
{
    private readonly Dictionary<string, T> _entries = new(StringComparer.Ordinal);
    private T? _oldest;
    private T? _newest;

    public int Count => _entries.Count;

    private Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> BySpan => _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool TryGet(ReadOnlySpan<char> key, out T entry) => BySpan.TryGetValue(key, out entry!);

    public bool Remove(ReadOnlySpan<char> key, out T entry)
    {
        if (!BySpan.Remove(key, out _, out entry!)) return false;
        Unlink(entry);
        return true;
    }

    /// <summary>Adds or replaces (a pid reused, a connect without its disconnect): a replaced entry just ends.</summary>
    public void Set(ReadOnlySpan<char> key, T entry)
    {
        if (BySpan.Remove(key, out var text, out var replaced)) Unlink(replaced);
        else text = new string(key);
        while (_entries.Count >= capacity && _oldest is { } oldest) GiveUp(oldest);

        entry.Key = text;
        _entries[text] = entry;
        entry.Older = _newest;
        if (_newest is not null) _newest.Newer = entry;
        else _oldest = entry;
        _newest = entry;
    }

    /// <summary>Gives up what opened more than the age limit before <paramref name="nowTicks"/> (UTC ticks of the log).</summary>
    public void GiveUpOlderThan(long nowTicks)
    {
        var limit = nowTicks - maxAgeTicks;
        while (_oldest is { } oldest && oldest.OpenedUtcTicks < limit) GiveUp(oldest);
    }

    /// <summary>Everything still open, oldest first, and then nothing.</summary>
    public List<T> TakeAll()
    {
        var open = new List<T>(_entries.Count);
        for (var entry = _oldest; entry is not null; entry = (T?)entry.Newer) open.Add(entry);
        _entries.Clear();
        _oldest = _newest = null;
        return open;
    }

    private void GiveUp(T oldest)
    {
        _entries.Remove(oldest.Key);
        Unlink(oldest);
        givenUp(oldest);
    }

    private void Unlink(OpenEntry entry)
    {
        if (entry.Older is { } older) older.Newer = entry.Newer;
        else _oldest = (T?)entry.Newer;
        if (entry.Newer is { } newer) newer.Older = entry.Older;
        else _newest = (T?)entry.Older;
        entry.Older = entry.Newer = null;
    }
}

/// <summary>Something open in the log since a time, threaded into its table's list by opening order.</summary>
internal abstract class OpenEntry(long openedUtcTicks)
{
    public long OpenedUtcTicks { get; } = openedUtcTicks;

    internal string Key { get; set; } = "";

    internal OpenEntry? Older { get; set; }

    internal OpenEntry? Newer { get; set; }
}
