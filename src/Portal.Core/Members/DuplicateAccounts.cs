using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Members;

/// <summary>A line whose account an earlier line of the file has.</summary>
public readonly record struct DuplicateAccount(int Line, string Account, int FirstLine, bool OtherwiseValid);

/// <summary>
/// Finds the lines of a members file whose account an earlier line has, in the same memory whatever the file's size:
/// the accounts are taken in runs of <see cref="RunLength"/>, each run sorted by a 128-bit fingerprint and, once there
/// is more than one, written to a temporary file readable only by the portal's user; the runs are merged at the end
/// (an external sort). A million accounts are sixteen short files, not a table in memory that doubles as it grows.
/// </summary>
internal sealed class DuplicateAccounts : IDisposable
{
    internal const int RunLength = 65_536;

    private readonly List<Account> _run = new(RunLength);
    private readonly List<FileStream> _runs = [];

    // Accounts compare without case; a collision of 128-bit SHA-256 prefixes among a file's accounts is not a practical concern.
    private readonly record struct Account(UInt128 Key, int Line, bool OtherwiseValid, string Text);

    /// <summary>Lines come in file order.</summary>
    public async Task AddAsync(string account, int line, bool otherwiseValid, CancellationToken cancellationToken)
    {
        _run.Add(new Account(Fingerprint(account), line, otherwiseValid, account));
        if (_run.Count == RunLength) await SpillAsync(cancellationToken);
    }

    /// <summary>Every later line of an account, in line order, with the line the account was first on.</summary>
    public async Task<List<DuplicateAccount>> FindAsync(CancellationToken cancellationToken)
    {
        var found = new List<DuplicateAccount>();
        if (_runs.Count == 0)
        {
            Sort(_run);
            Scan(_run, found);
        }
        else
        {
            if (_run.Count > 0) await SpillAsync(cancellationToken);
            Merge(found, cancellationToken);
        }

        found.Sort((a, b) => a.Line.CompareTo(b.Line));
        return found;
    }

    public void Dispose()
    {
        foreach (var run in _runs) run.Dispose();
    }

    private static void Sort(List<Account> run) => CollectionsMarshal.AsSpan(run).Sort(static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Line.CompareTo(b.Line));

    private static void Scan(IEnumerable<Account> sorted, List<DuplicateAccount> found)
    {
        Account? first = null;
        foreach (var account in sorted)
        {
            if (first is { } f && f.Key == account.Key) found.Add(new DuplicateAccount(account.Line, account.Text, f.Line, account.OtherwiseValid));
            else first = account;
        }
    }

    private async Task SpillAsync(CancellationToken cancellationToken)
    {
        Sort(_run);
        var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var a in _run)
            {
                writer.Write((ulong)(a.Key >> 64));
                writer.Write((ulong)a.Key);
                writer.Write(a.Line);
                writer.Write(a.OtherwiseValid);
                writer.Write(a.Text);
            }
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        // Members' accounts: not for other users of the machine.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"portal-accounts-{Path.GetRandomFileName()}"), options);
        _runs.Add(file);
        await file.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        _run.Clear();
    }

    /// <summary>Reads the runs back together in fingerprint order (the earlier run first among equals: lines come in order).</summary>
    private void Merge(List<DuplicateAccount> found, CancellationToken cancellationToken)
    {
        var readers = _runs.Select(run =>
        {
            run.Position = 0;
            return new BinaryReader(new BufferedStream(run, 64 * 1024), Encoding.UTF8, leaveOpen: true);
        }).ToList();
        try
        {
            var next = new PriorityQueue<(Account Account, int Run), (UInt128 Key, int Line)>();
            void Take(int run)
            {
                var reader = readers[run];
                if (reader.BaseStream.Position >= reader.BaseStream.Length) return;
                var key = ((UInt128)reader.ReadUInt64() << 64) | reader.ReadUInt64();
                var account = new Account(key, reader.ReadInt32(), reader.ReadBoolean(), reader.ReadString());
                next.Enqueue((account, run), (account.Key, account.Line));
            }

            IEnumerable<Account> Merged()
            {
                for (var run = 0; run < readers.Count; run++) Take(run);
                var taken = 0;
                while (next.TryDequeue(out var item, out _))
                {
                    if (++taken % RunLength == 0) cancellationToken.ThrowIfCancellationRequested();
                    yield return item.Account;
                    Take(item.Run);
                }
            }

            Scan(Merged(), found);
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }

    private static UInt128 Fingerprint(string account)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(MemoryMarshal.AsBytes(account.ToUpperInvariant().AsSpan()), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
