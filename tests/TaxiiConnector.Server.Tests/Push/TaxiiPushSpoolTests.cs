using System.Text;
using Microsoft.Extensions.Time.Testing;
using TaxiiConnector.Server.Push;

namespace TaxiiConnector.Server.Tests.Push;

public sealed class TaxiiPushSpoolTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("taxii-push-spool-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    private string PendingDirectory => Path.Combine(_directory.FullName, "pending");

    private string StatusDirectory => Path.Combine(_directory.FullName, "status");

    [Fact]
    public async Task CompleteAsync_StatusOlderThanRetention_IsForgottenOnALaterCompletion()
    {
        var spool = Open();
        var old = await AppendAndCompleteAsync(spool, 0);
        _time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        var recent = await AppendAndCompleteAsync(spool, 1);

        spool.GetStatus(old).Should().BeNull();
        File.Exists(Path.Combine(StatusDirectory, old + ".json")).Should().BeFalse();
        spool.GetStatus(recent)!.Status.Should().Be("complete");
    }

    [Fact]
    public async Task Open_StatusWithinRetention_IsKeptAcrossRestarts()
    {
        var spool = Open();
        var statusId = await AppendAndCompleteAsync(spool, 0);
        _time.Advance(TimeSpan.FromDays(6));

        var reopened = Open();

        reopened.GetStatus(statusId)!.Successes.Should().ContainSingle();
    }

    [Fact]
    public async Task Open_PendingEnvelopeWhoseStatusWasWritten_IsNotDeliveredAgain()
    {
        var spool = Open();
        var envelope = await AppendAsync(spool, 0);
        var leftover = await File.ReadAllBytesAsync(envelope.Path);
        await spool.CompleteAsync(envelope, [new PushObjectResult(envelope.Objects[0].Id, envelope.Objects[0].Version, true)], CancellationToken.None);

        // A crash after the status was written and before the pending file was removed leaves both behind.
        await File.WriteAllBytesAsync(envelope.Path, leftover);
        var reopened = Open();

        reopened.PendingCount.Should().Be(0);
        File.Exists(envelope.Path).Should().BeFalse();
        reopened.GetStatus(envelope.StatusId)!.Status.Should().Be("complete");
    }

    [Fact]
    public void Open_HalfWrittenTemporaryFile_IsDropped()
    {
        Directory.CreateDirectory(PendingDirectory);
        File.WriteAllText(Path.Combine(PendingDirectory, "0000000000000000001-x.json.tmp"), "{\"status_id\":");

        var spool = Open();

        spool.PendingCount.Should().Be(0);
        Directory.GetFiles(PendingDirectory).Should().BeEmpty();
    }

    [Fact]
    public async Task Open_DamagedFiles_AreSetAsideAndTheRestIsDelivered()
    {
        var spool = Open();
        var good = await AppendAsync(spool, 1);
        await File.WriteAllTextAsync(Path.Combine(PendingDirectory, "0000000000000000001-damaged.json"), "{\"status_id\":\"x\",\"envel");
        await File.WriteAllTextAsync(Path.Combine(PendingDirectory, "0000000000000000002-wrong-shape.json"), "{\"status_id\":\"y\"}");
        await File.WriteAllTextAsync(Path.Combine(StatusDirectory, "damaged.json"), "[1,2");

        var reopened = Open();

        reopened.PendingCount.Should().Be(1);
        reopened.GetStatus(good.StatusId)!.Status.Should().Be("pending");
        Directory.GetFiles(PendingDirectory, "*.unreadable").Select(Path.GetFileName)
            .Should().BeEquivalentTo("0000000000000000001-damaged.json.unreadable", "0000000000000000002-wrong-shape.json.unreadable");
        File.Exists(Path.Combine(StatusDirectory, "damaged.json.unreadable")).Should().BeTrue();
    }

    [Fact]
    public void Open_RetentionBelowOneDay_Throws()
    {
        var act = () => TaxiiPushSpool.Open(_directory.FullName, _time, TimeSpan.FromHours(23));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private TaxiiPushSpool Open() => TaxiiPushSpool.Open(_directory.FullName, _time, TimeSpan.FromDays(7));

    private async Task<SpooledEnvelope> AppendAsync(TaxiiPushSpool spool, int index)
    {
        var objects = new[] { new PushObjectRef(PushTestServer.IndicatorId(index), "2026-04-01T10:00:00.000Z") };
        return await spool.AppendAsync(PushTestServer.Shared, "alice", _time.GetUtcNow(), Encoding.UTF8.GetBytes(PushTestServer.Envelope(1, index)), objects, CancellationToken.None);
    }

    private async Task<string> AppendAndCompleteAsync(TaxiiPushSpool spool, int index)
    {
        var envelope = await AppendAsync(spool, index);
        await spool.CompleteAsync(envelope, [new PushObjectResult(envelope.Objects[0].Id, envelope.Objects[0].Version, true)], CancellationToken.None);
        return envelope.StatusId;
    }
}
