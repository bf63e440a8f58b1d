using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportAgent.Api.Conversations;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Handoff;
using SupportAgent.Api.Limits;
using SupportAgent.Api.Persistence;
using SupportAgent.Api.Telemetry;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Conversations;

/// <summary>
/// The thread's turn lease (ARCHITECTURE.md §5) against the app's real PostgreSQL: one holder at a time, free again once
/// it runs out, no cap on how many threads run at once; a turn ends by its deadline, and shutdown leaves it resumable.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class TurnLeaseTests(WholeAppFixture fixture)
{
    // The Api sets this at start; the stores here run outside it.
    static TurnLeaseTests() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    [Fact]
    public async Task A_lease_has_one_holder_until_released_or_run_out()
    {
        await using var db = await DataSourceAsync();
        var store = new ConversationStore(db);
        var thread = await store.CreateThreadAsync("cust_lease", default);

        Assert.NotNull(await store.TryTakeLeaseAsync(thread.Id, "a", TimeSpan.FromSeconds(30), default));
        Assert.Null(await store.TryTakeLeaseAsync(thread.Id, "b", TimeSpan.FromSeconds(30), default));
        Assert.False(await store.RenewLeaseAsync(thread.Id, "b", TimeSpan.FromSeconds(30), default));
        Assert.True(await store.RenewLeaseAsync(thread.Id, "a", TimeSpan.FromSeconds(30), default));
        await store.ReleaseLeaseAsync(thread.Id, "a", default);

        // A lease that has run out (its holder died and stopped renewing) is free for anyone.
        Assert.NotNull(await store.TryTakeLeaseAsync(thread.Id, "b", TimeSpan.FromSeconds(-1), default));
        Assert.NotNull(await store.TryTakeLeaseAsync(thread.Id, "c", TimeSpan.FromSeconds(30), default));
        Assert.False(await store.RenewLeaseAsync(thread.Id, "b", TimeSpan.FromSeconds(30), default));
    }

    [Fact]
    public async Task Many_threads_hold_leases_at_once_without_holding_connections()
    {
        // A pool of 4: the advisory lock held a connection per running turn and capped turns at three quarters of the pool.
        await using var db = await DataSourceAsync(maxPoolSize: 4);
        var store = new ConversationStore(db);
        var leases = new ThreadLeases(store, Options.Create(new TurnOptions()), NullLogger<ThreadLeases>.Instance);
        var threads = new List<string>();
        for (var i = 0; i < 40; i++) threads.Add((await store.CreateThreadAsync("cust_lease", default)).Id);

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var held = await Task.WhenAll(threads.Select(t => leases.TryTakeAsync(t, cts.Token)));
        try
        {
            Assert.All(held, Assert.NotNull);
            Assert.Null(await leases.TryTakeAsync(threads[0], cts.Token));
        }
        finally
        {
            foreach (var lease in held) if (lease is not null) await lease.DisposeAsync();
        }
        await using var again = await leases.TryTakeAsync(threads[0], cts.Token);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task A_turn_past_its_deadline_ends_its_stream_with_an_error_and_frees_the_thread()
    {
        await using var turns = await TurnsAsync(new TurnOptions { DeadlineSeconds = 1 });
        var thread = await turns.Store.CreateThreadAsync("cust_lease", default);

        var started = Assert.IsType<TurnStart.Started>(await turns.Coordinator.StartAsync(thread.Id, "hello", "k1", default));
        var events = await ReadAllAsync(started);

        Assert.Equal("turn_timeout", Assert.IsType<ErrorEvent>(events[^1]).Code);
        Assert.Equal("failed", await turns.TurnStatusAsync(started.TurnId));
        Assert.NotNull(await turns.Store.TryTakeLeaseAsync(thread.Id, "next", TimeSpan.FromSeconds(30), default));
    }

    [Fact]
    public async Task Shutdown_cuts_a_turn_off_with_an_error_and_leaves_it_for_recovery()
    {
        await using var turns = await TurnsAsync(new TurnOptions { ShutdownGraceSeconds = 0 });
        var thread = await turns.Store.CreateThreadAsync("cust_lease", default);

        var started = Assert.IsType<TurnStart.Started>(await turns.Coordinator.StartAsync(thread.Id, "hello", "k1", default));
        await turns.Runner.Entered.Task;
        await turns.Running.StopAsync(default);
        var events = await ReadAllAsync(started);

        Assert.Equal("turn_interrupted", Assert.IsType<ErrorEvent>(events[^1]).Code);
        Assert.Equal("running", await turns.TurnStatusAsync(started.TurnId));
        var orphans = await turns.Store.OrphanedTurnsAsync(1000, default);
        Assert.Contains(orphans, o => o.TurnId == started.TurnId);
    }

    [Fact]
    public async Task Pruning_keeps_the_checkpoint_the_thread_resumes_from()
    {
        await using var db = await DataSourceAsync();
        var store = new ConversationStore(db);
        var checkpoints = new PostgresCheckpointStore(db, Options.Create(new CheckpointOptions { KeepPerThread = 2 }));
        var thread = await store.CreateThreadAsync("cust_lease", default);
        using var data = JsonDocument.Parse("""{"step":1}""");

        var resumeFrom = await checkpoints.CreateCheckpointAsync(thread.Id, data.RootElement);
        await store.SetCheckpointAsync(thread.Id, resumeFrom.CheckpointId, default);
        // A long turn cut off before it ends: many super-steps past the thread's checkpoint.
        for (var i = 0; i < 5; i++) await checkpoints.CreateCheckpointAsync(thread.Id, data.RootElement);

        var kept = await checkpoints.RetrieveCheckpointAsync(thread.Id, resumeFrom);
        Assert.Equal(1, kept.GetProperty("step").GetInt32());
        Assert.True((await checkpoints.RetrieveIndexAsync(thread.Id)).Count() <= 3);
    }

    private async Task<NpgsqlDataSource> DataSourceAsync(int? maxPoolSize = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(await fixture.App.GetConnectionStringAsync("support"));
        if (maxPoolSize is { } size) builder.MaxPoolSize = size;
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    private static async Task<List<TurnEvent>> ReadAllAsync(TurnStart.Started started)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var events = new List<TurnEvent>();
        await foreach (var e in started.Sink.Reader.ReadAllAsync(cts.Token)) events.Add(e);
        await started.Completion;
        return events;
    }

    private async Task<Turns> TurnsAsync(TurnOptions options)
    {
        var db = await DataSourceAsync();
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var store = new ConversationStore(db);
        var wrapped = Options.Create(options);
        var running = new RunningTurns(wrapped, NullLogger<RunningTurns>.Instance);
        var runner = new HangingRunner();
        var coordinator = new TurnCoordinator(store, new HandoffStore(db),
            new ThreadLeases(store, wrapped, NullLogger<ThreadLeases>.Instance), running, runner, new NoSpend(),
            new SupportMeters(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), TimeProvider.System, wrapped,
            NullLogger<TurnCoordinator>.Instance);
        return new Turns(db, services, store, running, runner, coordinator);
    }

    private sealed record Turns(
        NpgsqlDataSource Db, ServiceProvider Services, ConversationStore Store, RunningTurns Running, HangingRunner Runner,
        TurnCoordinator Coordinator) : IAsyncDisposable
    {
        public async Task<string> TurnStatusAsync(string turnId)
        {
            await using var c = await Db.OpenConnectionAsync();
            return await c.QuerySingleAsync<string>("SELECT status FROM turns WHERE id = @turnId", new { turnId });
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            await Db.DisposeAsync();
        }
    }

    /// <summary>A graph that never answers: the turn ends only by its deadline or by shutdown.</summary>
    private sealed class HangingRunner : ITurnRunner
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<TurnResult> RunTurnAsync(TurnRequest request, ITurnEventSink sink, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        public Task<TurnResult> ResumeFromHumanAsync(TurnRequest request, HumanResponse response, ITurnEventSink sink, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    private sealed class NoSpend : ISpendLedger
    {
        public Task<SpendCheck> CheckAsync(string customerId, CancellationToken cancellationToken) =>
            Task.FromResult(new SpendCheck(true, 0, 1, TimeSpan.Zero));

        public Task RecordAsync(string customerId, decimal dollars, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
