namespace RecomAmp.DevHost.Hosting;

/// <summary>
/// What DevHost prints once it listens: where the API is, where the data lives, and how to sign in.
/// </summary>
internal static class DevHostBanner
{
    public static void Write(
        TextWriter writer,
        string baseUrl,
        string routePrefix,
        string dataFolder,
        string documentStore,
        int httpFunctions,
        int timerFunctions)
    {
        var api = routePrefix.Length == 0 ? baseUrl : $"{baseUrl}/{routePrefix}";
        writer.WriteLine($$"""
            RecomAmp DevHost
              API          {{api}}  ({{httpFunctions}} HTTP functions, {{timerFunctions}} timer functions)
              Sandbox      {{baseUrl}}/sandbox  (plays Login with Amazon)
              Data folder  {{dataFolder}}
              Documents    {{documentStore}}

            Sign in through the Sandbox:
              1. curl -s -X POST {{api}}/auth/login -H 'Content-Type: application/json' \
                   -d '{"redirect_uri":"http://localhost:5173/auth/callback"}'
                 The answer holds auth_url and state.
              2. curl -s -o /dev/null -w '%{redirect_url}\n' "<auth_url>&login_hint=you@example.com"
                 The Sandbox signs that user in and redirects; copy code and state from the printed URL.
              3. curl -s -X POST {{api}}/auth/amazon/callback -H 'Content-Type: application/json' \
                   -d '{"code":"<code>","state":"<state>"}'
                 The answer holds access_token; send it as "Authorization: Bearer <access_token>".
            """);
    }
}
