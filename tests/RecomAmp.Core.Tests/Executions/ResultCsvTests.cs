using System.Text;
using RecomAmp.Core.Executions.Results;

namespace RecomAmp.Core.Tests.Executions;

public sealed class ResultCsvTests
{
    [Fact]
    public async Task Merge_SeveralFiles_WritesOneHeaderAndEveryRowInOrder()
    {
        using var output = new MemoryStream();

        Stream[] parts =
        [
            Csv("a,b\r\n1,x\r\n2,\"y, z\"\r\n"),
            Csv("a,b\n3,\"multi\nline\"\n"),
            Csv(string.Empty),
            Csv("a,b\r\n"),
        ];

        var (rows, columns) = await ResultCsv.MergeAsync(parts, ["ignored"], output, default);

        Assert.Equal(3, rows);
        Assert.Equal(["a", "b"], columns);
        Assert.Equal("a,b\r\n1,x\r\n2,\"y, z\"\r\n3,\"multi\nline\"\r\n", Text(output));
    }

    [Fact]
    public async Task Merge_QuotesAndEmptyValues_SurviveTheRoundTrip()
    {
        using var output = new MemoryStream();

        await ResultCsv.MergeAsync([Csv("name,note\r\n\"O\"\"Brien\",\r\n,\"\"\r\n")], null, output, default);

        Assert.Equal("name,note\r\n\"O\"\"Brien\",\r\n,\r\n", Text(output));
    }

    [Fact]
    public async Task Merge_NoFilesWithAHeader_WritesAmcsColumns()
    {
        using var output = new MemoryStream();

        var (rows, columns) = await ResultCsv.MergeAsync([Csv(string.Empty)], ["user_id"], output, default);

        Assert.Equal(0, rows);
        Assert.Equal(["user_id"], columns);
        Assert.Equal("user_id\r\n", Text(output));
    }

    [Fact]
    public async Task Merge_FilesWithOtherColumns_Throws()
    {
        using var output = new MemoryStream();

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            ResultCsv.MergeAsync([Csv("a,b\r\n1,2\r\n"), Csv("a,c\r\n3,4\r\n")], null, output, default));
    }

    [Fact]
    public async Task Copy_WithLimit_WritesTheHeaderAndAtMostThatManyRows()
    {
        using var output = new MemoryStream();

        var rows = await ResultCsv.CopyAsync(Csv("a\r\n1\r\n2\r\n3\r\n"), output, 2, default);

        Assert.Equal(2, rows);
        Assert.Equal("a\r\n1\r\n2\r\n", Text(output));
    }

    [Fact]
    public async Task Copy_EmptyResult_WritesNothing()
    {
        using var output = new MemoryStream();

        var rows = await ResultCsv.CopyAsync(Csv(string.Empty), output, 10, default);

        Assert.Equal(0, rows);
        Assert.Equal(0, output.Length);
    }

    internal static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string Text(MemoryStream stream) => Encoding.UTF8.GetString(stream.ToArray());
}
