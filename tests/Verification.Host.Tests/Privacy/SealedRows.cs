using System.Text;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Host.Tests.Privacy;

/// <summary>
/// Rows in every table with a column under the master key, each sealed column holding a ciphertext bound to its row,
/// written as the service writes them (envelope encryption under whatever key is active), and read back the same way.
/// </summary>
internal sealed class SealedRows(NpgsqlDataSource dataSource)
{
    private sealed record SealedTable(string Table, string IdColumn, string[] Columns, string InsertSql);

    private static readonly SealedTable[] Tables =
    [
        new("proctoring.learner_keys", "learner_id", ["wrapped_key"], """
            INSERT INTO proctoring.learner_keys (learner_id, scope, wrapped_key, key_id, created_at)
            VALUES (@id, 'identity', @wrapped_key, @wrapped_key_key, now())
            """),
        new("proctoring.sessions", "id", ["evidence"], """
            INSERT INTO proctoring.sessions (id, learner_id, course_id, assessment_id, status, evidence, evidence_key_id, started_at)
            VALUES (@id, gen_random_uuid(), gen_random_uuid(), 'quiz', 'ended', @evidence, @evidence_key, now())
            """),
        new("proctoring.identity_profiles", "learner_id", ["face_template", "keystroke_profile", "typing_phrase_sealed"], """
            INSERT INTO proctoring.identity_profiles (learner_id, face_template, face_template_key_id, id_photo_score, keystroke_profile,
                keystroke_profile_key_id, typing_phrase_sealed, typing_phrase_key_id, created_at, updated_at, version)
            VALUES (@id, @face_template, @face_template_key, 0.9, @keystroke_profile, @keystroke_profile_key, @typing_phrase_sealed,
                @typing_phrase_sealed_key, now(), now(), 1)
            """),
        new("proctoring.enrollment_frames", "id", ["embedding"], """
            INSERT INTO proctoring.enrollment_frames (id, learner_id, embedding, key_id, captured_at)
            VALUES (@id, gen_random_uuid(), @embedding, @embedding_key, now())
            """),
        new("proctoring.enrollment_typing_samples", "id", ["key_events"], """
            INSERT INTO proctoring.enrollment_typing_samples (id, learner_id, phrase, key_events, key_id, captured_at)
            VALUES (@id, gen_random_uuid(), 'tag:x', @key_events, @key_events_key, now())
            """),
        new("proctoring.id_photos", "learner_id", ["image", "embedding"], """
            INSERT INTO proctoring.id_photos (learner_id, image, image_key_id, content_type, embedding, embedding_key_id, uploaded_at)
            VALUES (@id, @image, @image_key, 'image/jpeg', @embedding, @embedding_key, now())
            """),
        new("proctoring.evidence_frames", "session_id", ["image"], """
            INSERT INTO proctoring.sessions (id, learner_id, course_id, assessment_id, status, started_at)
            VALUES (@id, gen_random_uuid(), gen_random_uuid(), 'quiz', 'ended', now());
            INSERT INTO proctoring.evidence_frames (session_id, frame, image, key_id, kept_at) VALUES (@id, 0, @image, @image_key, now())
            """),
        new("certificates.signing_keys", "kid::uuid", ["private_key"], """
            INSERT INTO certificates.signing_keys (kid, public_jwk, private_key, private_key_key_id, created_at)
            VALUES (@id::text, '{}', @private_key, @private_key_key, now())
            """),
        new("certificates.webhook_endpoints", "id", ["secret"], """
            INSERT INTO certificates.webhook_endpoints (id, partner_id, url, events, secret, secret_key_id, created_at)
            VALUES (@id, gen_random_uuid(), 'https://partner.example/hook', ARRAY['certificate.issued'], @secret, @secret_key, now())
            """),
        new("lti.tool_keys", "kid::uuid", ["private_key"], """
            INSERT INTO lti.tool_keys (kid, public_jwk, private_key, private_key_key_id, created_at)
            VALUES (@id::text, '{}', @private_key, @private_key_key, now())
            """),
    ];

    private readonly List<(SealedTable Table, Guid Id)> _rows = [];

    public int Count { get { lock (_rows) { return _rows.Sum(r => r.Table.Columns.Length); } } }

    /// <summary>The sealed columns these rows cover: a test compares them with what the modules declare.</summary>
    public static IEnumerable<string> Covered => Tables.SelectMany(t => t.Columns.Select(c => $"{t.Table}.{c}"));

    /// <summary>One row in every table, sealed under <paramref name="encryption"/>'s active key.</summary>
    public async Task AddOneOfEachAsync(EnvelopeEncryption encryption, CancellationToken cancellationToken)
    {
        foreach (var table in Tables)
        {
            await AddAsync(table, encryption, cancellationToken);
        }
    }

    /// <summary>One more row of a table chosen by <paramref name="index"/>: what a writer does while a rotation runs.</summary>
    public Task AddAsync(int index, EnvelopeEncryption encryption, CancellationToken cancellationToken) =>
        AddAsync(Tables[index % Tables.Length], encryption, cancellationToken);

    /// <summary>Decrypts every sealed column of every row; answers how many it read. Fails on the first that does not open.</summary>
    public async Task<int> ReadAllAsync(EnvelopeEncryption encryption, CancellationToken cancellationToken)
    {
        List<(SealedTable Table, Guid Id)> rows;
        lock (_rows)
        {
            rows = [.. _rows];
        }

        var read = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var (table, id) in rows)
        {
            foreach (var column in table.Columns)
            {
                var row = await connection.QuerySingleAsync<(string KeyId, byte[] Payload)>(new CommandDefinition(
                    $"SELECT {KeyIdColumn(table.Table, column)}, {column} FROM {table.Table} WHERE {table.IdColumn} = @id", new { id }, cancellationToken: cancellationToken));
                var plain = encryption.Decrypt(new EncryptedBlob(row.KeyId, row.Payload), Binding(table.Table, column, id));
                if (Encoding.UTF8.GetString(plain) != Plain(table.Table, column, id))
                {
                    throw new InvalidOperationException($"{table.Table}.{column} of {id} decrypted to something else");
                }

                read++;
            }
        }

        return read;
    }

    private async Task AddAsync(SealedTable table, EnvelopeEncryption encryption, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var parameters = new DynamicParameters(new { id });
        foreach (var column in table.Columns)
        {
            var blob = encryption.Encrypt(Encoding.UTF8.GetBytes(Plain(table.Table, column, id)), Binding(table.Table, column, id));
            parameters.Add(column, blob.Payload);
            parameters.Add(column + "_key", blob.KeyId);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(table.InsertSql, parameters, cancellationToken: cancellationToken));
        lock (_rows)
        {
            _rows.Add((table, id));
        }
    }

    private static string KeyIdColumn(string table, string column) => (table, column) switch
    {
        ("proctoring.learner_keys" or "proctoring.enrollment_frames" or "proctoring.enrollment_typing_samples" or "proctoring.evidence_frames", _) => "key_id",
        ("proctoring.identity_profiles", "typing_phrase_sealed") => "typing_phrase_key_id",
        _ => column + "_key_id",
    };

    private static byte[] Binding(string table, string column, Guid id) => Encoding.UTF8.GetBytes($"{table}.{column}/{id:N}");

    private static string Plain(string table, string column, Guid id) => $"{column} of {table} row {id:N}";
}
