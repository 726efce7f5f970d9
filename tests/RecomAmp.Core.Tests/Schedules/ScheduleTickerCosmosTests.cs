using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using RecomAmp.Core.Schedules;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Tests.Workflows;
using RecomAmp.Testing;
using static RecomAmp.Core.Tests.Schedules.ScheduleTestData;

namespace RecomAmp.Core.Tests.Schedules;

/// <summary>
/// The ticker over the Cosmos DB store (the local Cosmos-compatible server, or the account that
/// RECOMAMP_COSMOS_ENDPOINT names): its cross-partition queries and conditional claims, in a database of its own.
/// </summary>
public sealed class ScheduleTickerCosmosTests : IAsyncLifetime, IDisposable
{
    private const string Alice = "user-alice";
    private const string Bob = "user-bob";

    private readonly string _databaseName = CosmosTestAccount.NewDatabaseName("schedule-tests");
    private readonly FakeScheduleExecutions _executions = new();
    private ServiceTestHost _host = null!;

    private ScheduleService Schedules => _host.Get<ScheduleService>();

    public async Task InitializeAsync()
    {
        var account = await CosmosTestServer.AccountAsync();
        _host = new ServiceTestHost(account.Settings(_databaseName));
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _host.Get<CosmosClient>().GetDatabase(_databaseName).DeleteAsync();
        }
        catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            // Nothing was ever written.
        }
    }

    // xunit calls this after DisposeAsync.
    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Tick_TwoTickersRacingOverDueSchedulesOfTwoUsers_EachDueTimeFiresExactlyOnce()
    {
        const int scheduleCount = 40;
        const int rounds = 2;
        var workflows = new Dictionary<string, string>
        {
            [Alice] = (await NewWorkflowAsync(_host, Alice, "amccosmos01")).Id,
            [Bob] = (await NewWorkflowAsync(_host, Bob, "amccosmos02")).Id,
        };
        for (var index = 0; index < scheduleCount; index++)
        {
            var user = index % 2 == 0 ? Alice : Bob;
            await Schedules.CreateAsync(user, Request(workflows[user], "* * * * *"), default);
        }

        var store = _host.Get<IDocumentStore>();
        var tickers = Enumerable.Range(0, 2)
            .Select(_ => new ScheduleTicker(
                store, new ScheduleRecords(store), _host.Clock, NullLogger<ScheduleTicker>.Instance))
            .ToList();

        var results = new List<ScheduleTickResult>();
        for (var round = 0; round < rounds; round++)
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
            results.AddRange(await Task.WhenAll(
                tickers.Select(ticker => Task.Run(() => ticker.TickAsync(_executions, default)))));
        }

        Assert.Equal(scheduleCount * rounds, results.Sum(result => result.Fired));
        Assert.Equal(0, results.Sum(result => result.Errors));
        Assert.Equal(0, _executions.RepeatedStarts);
        Assert.All(
            _executions.Starts.GroupBy(start => start.ScheduleId),
            group => Assert.Equal(rounds, group.Count()));
        Assert.Equal(scheduleCount, _executions.Starts.Select(start => start.ScheduleId).Distinct().Count());
    }

    [Fact]
    public async Task Tick_CatchUpAndOutcome_RunOnceAndCount()
    {
        var workflow = await NewWorkflowAsync(_host, Alice, "amccosmos03");
        var schedule = await Schedules.CreateAsync(Alice, Request(workflow.Id, "0 * * * *"), default);
        var ticker = _host.Get<ScheduleTicker>();

        _host.Clock.SetUtcNow(Utc(2024, 3, 1, 15, 30));
        var caughtUp = await ticker.TickAsync(_executions, default);
        _executions.Finish(Assert.Single(_executions.Starts).ExecutionId, "SUCCEEDED", durationSeconds: 30);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var recorded = await ticker.TickAsync(_executions, default);

        Assert.Equal(1, caughtUp.Fired);
        Assert.Equal(1, recorded.OutcomesRecorded);
        var after = await Schedules.GetAsync(Alice, schedule.Id, default);
        Assert.Equal(Utc(2024, 3, 1, 16, 0), after.NextRunAt);
        Assert.Equal((1, 1, 0), (after.TotalRuns, after.SuccessfulRuns, after.FailedRuns));
        var run = Assert.Single(await Schedules.HistoryAsync(Alice, schedule.Id, 10, "SUCCESS", default));
        Assert.Equal(30, run.DurationSeconds);
    }
}
