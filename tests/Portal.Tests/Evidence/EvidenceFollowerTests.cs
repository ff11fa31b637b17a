using System.IO.Pipes;
using System.Text;
using Dapper;
using Portal.Core.Configuration;
using Portal.Core.Evidence;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Evidence.EvidenceLines;
using static Portal.Tests.Evidence.EvidenceStoreTests;

namespace Portal.Tests.Evidence;

public sealed class EvidenceFollowerTests
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    private const string Key = EvidenceSource.FollowPrefix + "mx1";

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_second_follower_of_a_log_another_holds_is_refused_and_the_log_is_counted_once(DatabaseProvider provider)
    {
        await using var bench = await EvidenceBench.CreateAsync(provider);
        await bench.AddMembersAsync(Taro, Jiro);
        using var pipe = new LogPipe();

        var following = bench.Follower().FollowAsync(pipe.Reading, "mx1", EvidenceBench.Year, CancellationToken.None);
        await EvidenceBench.EventuallyAsync(async () => (await bench.Store.FindSourceAsync(Key, CancellationToken.None))?.LeaseOwner is not null, "the first follower holds the log");
        var holder = (await bench.Store.FindSourceAsync(Key, CancellationToken.None))!.LeaseOwner;
        // The same log reaches a second process (another node fed by the same syslog stream).
        var second = await bench.Follower().FollowAsync(new MemoryStream(Encoding.UTF8.GetBytes(Text(Day))), "mx1", EvidenceBench.Year, CancellationToken.None);
        await pipe.WriteAsync(Text(Day));
        pipe.Close();
        var first = await following.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(FollowEnd.HeldElsewhere, second.End);
        Assert.Equal(holder, second.Source?.LeaseOwner);
        Assert.Equal(0, second.Counted.Sum());
        Assert.Equal(FollowEnd.InputEnded, first.End);
        Assert.Equal([2L, 1, 3, 3], first.Counted);
        Assert.Equal(Day.Length, first.Lines);
        Assert.Equal(DayEvidence, await bench.EvidenceAsync());
        Assert.Equal(["2026-12-02 auth-failed 2", "2026-12-02 port25-noauth 1"], await bench.UnmatchedAsync());
        // Given back at the end: the next follower need not wait for the lease to run out.
        Assert.Null((await bench.Store.FindSourceAsync(Key, CancellationToken.None))!.LeaseOwner);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task After_a_restart_the_lines_the_pipe_replays_are_not_counted_again(DatabaseProvider provider)
    {
        string[] log =
        [
            .. Port25("Dec  2 10:00:00", 5201, "8F1E2D3C4B", "jiro@example.jp"),
            .. Port25Auth("Dec  2 11:00:00", 5202, "1A2B3C4D5E", "jiro", "jiro@example.jp"),
            // Two records in one second: the cursor counts how many of that second were counted.
            AuthFailed("Dec  2 13:00:00", 5204, "taro@example.jp"),
            AuthFailed("Dec  2 13:00:00", 5205, "taro@example.jp"),
            .. Submission("Dec  2 15:04:05", 4101, "C3CD21F3E90", "taro@example.jp", "taro@example.jp"),
        ];
        string[] expected =
        [
            "jiro port25-auth 2026-12-02 1 12-02T11:00:00-12-02T11:00:00",
            "jiro port25-noauth 2026-12-02 1 12-02T10:00:00-12-02T10:00:00",
            "taro auth-failed 2026-12-02 2 12-02T13:00:00-12-02T13:00:00",
            "taro submission-auth 2026-12-02 1 12-02T15:04:05-12-02T15:04:05",
        ];
        await using var bench = await EvidenceBench.CreateAsync(provider);
        await bench.AddMembersAsync(Taro, Jiro);

        // The first process stops after the first failed sign-in of 13:00:00; tail -F, started again, replays from line 3.
        var before = await bench.Follower().FollowAsync(Input(log[..8]), "mx1", EvidenceBench.Year, CancellationToken.None);
        var after = await bench.Follower().FollowAsync(Input(log[2..]), "mx1", EvidenceBench.Year, CancellationToken.None);

        Assert.Equal([1L, 1, 0, 1], before.Counted);
        Assert.Equal(2, after.Replayed);
        Assert.Equal([0L, 0, 1, 1], after.Counted);
        Assert.Equal(expected, await bench.EvidenceAsync());
        var source = (await bench.Store.FindSourceAsync(Key, CancellationToken.None))!;
        Assert.Equal((new DateTimeOffset(2026, 12, 2, 15, 4, 5, TimeSpan.FromHours(9)), 1), (source.CursorAt, source.CursorCount));

        // The same as one import of the whole log.
        await using var once = await EvidenceBench.CreateAsync(provider);
        await once.AddMembersAsync(Taro, Jiro);
        await once.ImportTextAsync("whole", Text(log));
        Assert.Equal(expected, await once.EvidenceAsync());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_follower_writes_every_few_seconds_while_its_input_stays_open_and_renews_its_lease(DatabaseProvider provider)
    {
        await using var bench = await EvidenceBench.CreateAsync(provider, new EvidenceOptions { FlushSeconds = 5 });
        await bench.AddMembersAsync(Taro);
        using var pipe = new LogPipe();
        var following = bench.Follower().FollowAsync(pipe.Reading, "mx1", EvidenceBench.Year, CancellationToken.None);
        await EvidenceBench.EventuallyAsync(async () => (await bench.Store.FindSourceAsync(Key, CancellationToken.None))?.LeaseOwner is not null, "the follower holds the log");
        var firstLease = (await bench.Store.FindSourceAsync(Key, CancellationToken.None))!.LeaseUntil;

        await pipe.WriteAsync(Text(Submission("Dec  2 15:04:05", 4101, "C3CD21F3E90", "taro@example.jp", "taro@example.jp")));
        await EvidenceBench.EventuallyAsync(async () =>
        {
            bench.Time.Advance(TimeSpan.FromSeconds(6));
            return (await bench.EvidenceAsync()).Count == 1;
        }, "the record is written while the pipe is open");
        var renewed = (await bench.Store.FindSourceAsync(Key, CancellationToken.None))!.LeaseUntil;
        var stillFollowing = !following.IsCompleted;
        pipe.Close();
        var report = await following.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(stillFollowing);
        Assert.True(renewed > firstLease, $"lease {firstLease} was not renewed ({renewed})");
        Assert.Equal(["taro submission-auth 2026-12-02 1 12-02T15:04:05-12-02T15:04:05"], await bench.EvidenceAsync());
        Assert.Equal(FollowEnd.InputEnded, report.End);
        Assert.True(report.Writes >= 2);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_follower_told_to_stop_gives_the_log_back_for_the_next_one_at_once(DatabaseProvider provider)
    {
        await using var bench = await EvidenceBench.CreateAsync(provider, new EvidenceOptions { FlushLines = 1 });
        await bench.AddMembersAsync(Taro);
        using var pipe = new LogPipe();
        using var stop = new CancellationTokenSource();
        var following = bench.Follower().FollowAsync(pipe.Reading, "mx1", EvidenceBench.Year, stop.Token);

        await pipe.WriteAsync(Text(Submission("Dec  2 15:04:05", 4101, "C3CD21F3E90", "taro@example.jp", "taro@example.jp")));
        await EvidenceBench.EventuallyAsync(async () => (await bench.EvidenceAsync()).Count == 1, "the record is written (every line, here)");
        await stop.CancelAsync();
        var report = await following.WaitAsync(TimeSpan.FromSeconds(30));
        var next = await bench.Follower().FollowAsync(Input(Submission("Dec  2 16:00:00", 4102, "C3CD21F3E91", "taro@example.jp", "taro@example.jp")), "mx1",
            EvidenceBench.Year, CancellationToken.None);
        pipe.Close();

        Assert.Equal(FollowEnd.Stopped, report.End);
        Assert.Equal([0L, 0, 1, 0], report.Counted);
        Assert.Equal(FollowEnd.InputEnded, next.End);
        Assert.Equal(["taro submission-auth 2026-12-02 2 12-02T15:04:05-12-02T16:00:00"], await bench.EvidenceAsync());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_follower_whose_log_was_taken_over_counts_nothing_more_and_stops(DatabaseProvider provider)
    {
        await using var bench = await EvidenceBench.CreateAsync(provider);
        await bench.AddMembersAsync(Taro);
        using var pipe = new LogPipe();
        var following = bench.Follower().FollowAsync(pipe.Reading, "mx1", EvidenceBench.Year, CancellationToken.None);
        await EvidenceBench.EventuallyAsync(async () => (await bench.Store.FindSourceAsync(Key, CancellationToken.None))?.LeaseOwner is not null, "the follower holds the log");

        // Another node took the log when this one's lease ran out (this one stalled).
        await using (var connection = await bench.Test.Database.OpenAsync(CancellationToken.None))
            await connection.ExecuteAsync("UPDATE EvidenceSources SET LeaseOwner = 'other-node' WHERE SourceKey = @Key", new { Key });
        await pipe.WriteAsync(Text(Submission("Dec  2 15:04:05", 4101, "C3CD21F3E90", "taro@example.jp", "taro@example.jp")));
        await EvidenceBench.EventuallyAsync(() =>
        {
            bench.Time.Advance(TimeSpan.FromSeconds(6));
            return Task.FromResult(following.IsCompleted);
        }, "the follower stops");
        var report = await following;
        pipe.Close();

        Assert.Equal(FollowEnd.LeaseLost, report.End);
        Assert.Empty(await bench.EvidenceAsync());
        Assert.Equal("other-node", (await bench.Store.FindSourceAsync(Key, CancellationToken.None))!.LeaseOwner);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_lease_that_ran_out_can_be_taken_and_its_old_holder_then_writes_nothing(DatabaseProvider provider)
    {
        await using var bench = await EvidenceBench.CreateAsync(provider);
        await bench.AddMembersAsync(Taro);
        var store = bench.Store;

        var dead = await store.ClaimFollowAsync(Key, "mx1", "dead-node", bench.Time.GetUtcNow() + EvidenceFollower.Lease, CancellationToken.None);
        var tooEarly = await store.ClaimFollowAsync(Key, "mx1", "live-node", bench.Time.GetUtcNow() + EvidenceFollower.Lease, CancellationToken.None);
        bench.Time.Advance(EvidenceFollower.Lease + TimeSpan.FromSeconds(1));
        var taken = await store.ClaimFollowAsync(Key, "mx1", "live-node", bench.Time.GetUtcNow() + EvidenceFollower.Lease, CancellationToken.None);
        var tally = store.NewTally();
        tally.Add(new MailEvidence(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.FromHours(9)), EvidenceKind.SubmissionAuth, "taro", EvidenceIdentity.Login,
            "taro@example.jp", null, "postfix/submission", true, "mx1", "ABCDEF123"));
        var byDead = await store.WriteAsync(tally, new FollowAdvance(Key, "dead-node", 5, null, 0, bench.Time.GetUtcNow() + EvidenceFollower.Lease), CancellationToken.None);
        var afterDead = await bench.EvidenceAsync();
        var byLive = await store.WriteAsync(tally, new FollowAdvance(Key, "live-node", 5, null, 0, bench.Time.GetUtcNow() + EvidenceFollower.Lease), CancellationToken.None);

        Assert.True(dead.Claimed);
        Assert.False(tooEarly.Claimed);
        Assert.Equal("dead-node", tooEarly.Source.LeaseOwner);
        Assert.True(taken.Claimed);
        Assert.Null(byDead);
        Assert.Empty(afterDead);
        Assert.NotNull(byLive);
        Assert.Equal(["taro submission-auth 2026-12-04 1 12-04T10:00:00-12-04T10:00:00"], await bench.EvidenceAsync());
    }

    private static MemoryStream Input(string[] lines) => new(Encoding.UTF8.GetBytes(Text(lines)));

    /// <summary>An operating-system pipe, as `tail -F ... | portal evidence follow -` gives one: reads block until lines come or it is closed.</summary>
    private sealed class LogPipe : IDisposable
    {
        private readonly AnonymousPipeServerStream _writing = new(PipeDirection.Out);

        public LogPipe() => Reading = new AnonymousPipeClientStream(PipeDirection.In, _writing.ClientSafePipeHandle);

        public Stream Reading { get; }

        public async Task WriteAsync(string text)
        {
            await _writing.WriteAsync(Encoding.UTF8.GetBytes(text));
            await _writing.FlushAsync();
        }

        public void Close() => _writing.Dispose();

        public void Dispose()
        {
            _writing.Dispose();
            Reading.Dispose();
        }
    }
}
