using System.Globalization;

namespace Messaging.Testing.Postgres;

/// <summary>Where the PostgreSQL server programs (initdb, pg_ctl) are: Debian's layout, or POSTGRES_BIN_DIR.</summary>
internal sealed record PostgresBinaries(string Directory)
{
    public const string DirectoryVariable = "POSTGRES_BIN_DIR";

    private const string DebianRoot = "/usr/lib/postgresql";

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>Finds the binaries, newest major version first, or throws saying how to install them.</summary>
    public static PostgresBinaries Locate()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var binaries = new PostgresBinaries(configured);
            return binaries.Exist()
                ? binaries
                : throw NotFound($"{DirectoryVariable}={configured} holds no initdb and pg_ctl.");
        }

        if (System.IO.Directory.Exists(DebianRoot))
        {
            var newest = System.IO.Directory.EnumerateDirectories(DebianRoot)
                .Select(versionDirectory => new
                {
                    Version = int.TryParse(Path.GetFileName(versionDirectory), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : -1,
                    Binaries = new PostgresBinaries(Path.Combine(versionDirectory, "bin")),
                })
                .Where(candidate => candidate.Binaries.Exist())
                .OrderByDescending(candidate => candidate.Version)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest.Binaries;
            }
        }

        throw NotFound($"Nothing under {DebianRoot}/*/bin holds initdb and pg_ctl.");
    }

    private bool Exist() => File.Exists(InitDb) && File.Exists(PgCtl);

    private static InvalidOperationException NotFound(string detail) => new(
        "PostgreSQL server binaries were not found, so the PostgreSQL tests cannot run. "
        + detail
        + " Install the server with 'apt-get install postgresql' (Debian/Ubuntu), or point "
        + DirectoryVariable + " at the directory that holds initdb and pg_ctl.");
}
