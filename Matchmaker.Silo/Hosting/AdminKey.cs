using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;

namespace Matchmaker.Silo.Hosting;

/// <summary>
/// The instance admin key. Production configures <c>Identity:AdminKey</c>. With development storage and no key
/// configured, one is generated on the first start, kept in <c>.data/admin-key</c> (git-ignored) and printed once.
/// </summary>
public static class AdminKey
{
    public static void Configure(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"{MatchmakerIdentityOptions.Section}:AdminKey"];
        if (!string.IsNullOrEmpty(configured) || !DevelopmentStorage.IsDevelopment(DevelopmentStorage.ConnectionStringOf(builder.Configuration))) return;

        var file = Path.Combine(RepoRoot.Find(), ".data", "admin-key");
        string key;
        if (File.Exists(file)) key = File.ReadAllText(file).Trim();
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            key = "admin." + Credentials.New("admin")["admin.".Length..];
            File.WriteAllText(file, key);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Console.WriteLine($"Generated the instance admin key (kept in {file}, shown this once): {key}");
        }
        builder.Configuration[$"{MatchmakerIdentityOptions.Section}:AdminKey"] = key;
    }
}
