using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RecomAmp.Api.Tests;

/// <summary>Small helpers for calling the API as the SPA does.</summary>
internal static class ApiClientExtensions
{
    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is string raw)
        {
            request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> SendJsonAsync(
        this HttpClient client, HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = Request(method, path, token, body);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (!string.IsNullOrWhiteSpace(text) && text.TrimStart()[0] is '{' or '[')
        {
            json = JsonNode.Parse(text);
        }

        return (response, json);
    }

    public static async Task<JsonNode> CreateInstanceAsync(this HttpClient client, string token, string amcInstanceId)
    {
        var (response, body) = await client.SendJsonAsync(HttpMethod.Post, "/api/instances/", token, new
        {
            instance_id = amcInstanceId,
            name = "Instance " + amcInstanceId,
            description = "Created by a test",
            region = "us-east-1",
        });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body?.ToJsonString());
        return body!;
    }

    public static async Task<JsonNode> CreateWorkflowAsync(
        this HttpClient client, string token, string instanceId, string name, string sql,
        object? parameters = null, string[]? tags = null, string? description = null)
    {
        var (response, body) = await client.SendJsonAsync(HttpMethod.Post, "/api/workflows/", token, new
        {
            name,
            description = description ?? "A workflow made by a test",
            sql_query = sql,
            instance_id = instanceId,
            parameters = parameters ?? new { },
            tags = tags ?? Array.Empty<string>(),
        });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body?.ToJsonString());
        return body!;
    }

    public static string Id(this JsonNode node) => node["id"]!.GetValue<string>();

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
