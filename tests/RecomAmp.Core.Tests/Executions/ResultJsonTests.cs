using System.Text;
using System.Text.Json;
using RecomAmp.Core.Executions.Results;

namespace RecomAmp.Core.Tests.Executions;

public sealed class ResultJsonTests
{
    [Theory]
    [InlineData("0", true)]
    [InlineData("-12", true)]
    [InlineData("25.50", true)]
    [InlineData("1e-7", true)]
    [InlineData("6.02E+23", true)]
    [InlineData("123456789012345", true)]
    [InlineData("1234567890123456", false)]
    [InlineData("007", false)]
    [InlineData("1.", false)]
    [InlineData(".5", false)]
    [InlineData("+5", false)]
    [InlineData("1e", false)]
    [InlineData("NaN", false)]
    [InlineData("12 ", false)]
    [InlineData("", false)]
    public void IsNumber_Text_TellsAPlainJsonNumber(string text, bool expected)
    {
        Assert.Equal(expected, ResultJson.IsNumber(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public async Task Inspect_Columns_AreNumericOnlyWhenEveryValueIsAndTheyAreNoIdentifiers()
    {
        using var csv = ResultCsvTests.Csv(
            "campaign_id,campaign_id_string,name,impressions,spend,mixed,blank\r\n"
            + "12,34,A,100,1.5,1,\r\n"
            + "13,35,B,,2,x,\r\n");

        var shape = await ResultJson.InspectAsync(csv, 10, default);

        Assert.Equal([false, false, false, true, true, false, false], shape.Numeric);
        Assert.Equal(2, shape.Rows);
    }

    [Fact]
    public async Task Write_Rows_KeepsColumnOrderNumbersAndNulls()
    {
        const string text = "name,impressions,spend\r\n\"A, Inc\",100,25.50\r\nB,,3\r\nC,7,1\r\n";
        var shape = await ResultJson.InspectAsync(ResultCsvTests.Csv(text), 2, default);
        using var output = new MemoryStream();

        await ResultJson.WriteAsync(
            ResultCsvTests.Csv(text), output, shape, 2, new ResultMetadata(3, 45, "SELECT 1"), default);

        using var json = JsonDocument.Parse(output.ToArray());
        var rows = json.RootElement.GetProperty("data");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal(["name", "impressions", "spend"], rows[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("A, Inc", rows[0].GetProperty("name").GetString());
        Assert.Equal("25.50", rows[0].GetProperty("spend").GetRawText());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("impressions").ValueKind);
        var metadata = json.RootElement.GetProperty("metadata");
        Assert.Equal(3, metadata.GetProperty("total_rows").GetInt64());
        Assert.Equal(2, metadata.GetProperty("returned_rows").GetInt64());
        Assert.Equal(45, metadata.GetProperty("execution_time").GetInt64());
        Assert.Equal("SELECT 1", metadata.GetProperty("query").GetString());
    }
}
