using System.Text;
using RecomAmp.Core.Executions.Results;
using RecomAmp.Core.Tests.Storage;

namespace RecomAmp.Core.Tests.Executions;

public sealed class LocalFolderResultStoreTests : IDisposable
{
    private const string UserId = "3f0d1c8e-6a55-4c0f-9d0e-2b1c5f7a9e11";

    private readonly TemporaryDataFolder _folder = new();
    private readonly LocalFolderResultStore _store;

    public LocalFolderResultStoreTests()
    {
        _store = new LocalFolderResultStore(_folder.CreateDataFolder());
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Write_Parts_StoresOneCsvUnderTheUserWithItsSize()
    {
        var executionId = Guid.NewGuid().ToString();
        Stream[] parts = [ResultCsvTests.Csv("a\r\n1\r\n"), ResultCsvTests.Csv("a\r\n2\r\n")];

        var stored = await _store.WriteAsync(UserId, executionId, parts, null, default);
        await using var read = await _store.OpenReadAsync(UserId, executionId, default);
        using var reader = new StreamReader(read!, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();

        Assert.Equal(2, stored.Rows);
        Assert.Equal(9, stored.SizeBytes);
        Assert.Equal(["a"], stored.Columns);
        Assert.Equal("a\r\n1\r\n2\r\n", text);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "results", UserId, executionId + ".csv")));
        Assert.Single(Directory.GetFiles(Path.Combine(_folder.Path, "results", UserId)));
    }

    [Fact]
    public async Task Write_FailingPart_LeavesNoFileBehind()
    {
        var executionId = Guid.NewGuid().ToString();
        Stream[] parts = [ResultCsvTests.Csv("a\r\n1\r\n"), ResultCsvTests.Csv("b\r\n2\r\n")];

        await Assert.ThrowsAsync<InvalidDataException>(
            () => _store.WriteAsync(UserId, executionId, parts, null, default));

        Assert.Null(await _store.OpenReadAsync(UserId, executionId, default));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder.Path, "results", UserId)));
    }

    [Fact]
    public async Task Delete_StoredOrMissing_LeavesNoResult()
    {
        var executionId = Guid.NewGuid().ToString();
        await _store.WriteAsync(UserId, executionId, [ResultCsvTests.Csv("a\r\n1\r\n")], null, default);

        await _store.DeleteAsync(UserId, executionId, default);
        await _store.DeleteAsync(UserId, executionId, default);
        await _store.DeleteAsync("another-user", Guid.NewGuid().ToString(), default);

        Assert.Null(await _store.OpenReadAsync(UserId, executionId, default));
    }

    [Theory]
    [InlineData(UserId, "../../etc/passwd")]
    [InlineData("../escape", "8d8a4a3e-0d53-4d36-9b0f-6a5a3e1c2b44")]
    [InlineData("", "8d8a4a3e-0d53-4d36-9b0f-6a5a3e1c2b44")]
    public async Task Paths_OutsideTheResultsFolder_AreRefused(string userId, string executionId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync(userId, executionId, default));
    }
}
