using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Encryption;
using Verification.Proctoring.Sessions.Store;

namespace Verification.Proctoring.Tests.Support;

/// <summary>The evidence an ended session keeps with its verdict, decrypted as the reviewer's case view reads it.</summary>
internal static class SessionEvidenceRows
{
    public static async Task<StoredEvidence> ReadAsync(ProctoringApp app, Guid sessionId)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var row = await connection.QuerySingleAsync<(byte[] Evidence, string KeyId)>(
            "SELECT evidence, evidence_key_id FROM proctoring.sessions WHERE id = @sessionId", new { sessionId });
        var plain = app.Factory.Services.GetRequiredService<EnvelopeEncryption>().Decrypt(new EncryptedBlob(row.KeyId, row.Evidence), Encoding.UTF8.GetBytes($"session-evidence:{sessionId}"));
        return StoredEvidence.Read(plain);
    }
}
