using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Encryption;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Privacy;

/// <summary>Profiles enrolled before sealing: their plain typing phrase (with the learner's name) and ID-photo score get sealed.</summary>
public sealed class ProfileResealTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_profile_enrolled_before_sealing_keeps_no_name_or_score_in_plain_text_and_still_reads_the_same()
    {
        var learner = Guid.CreateVersion7();
        var phrase = $"I, Ada Lovelace-{learner:N}, certify that the work I submit is my own";
        await InsertLegacyProfileAsync(learner, phrase, 0.8125f);

        var sealedCount = await Reseal().ResealAllAsync(Cancel);
        var again = await Reseal().ResealAllAsync(Cancel);

        Assert.True(sealedCount >= 1);
        Assert.Equal(0, again);
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM proctoring.identity_profiles p WHERE learner_id = @learner AND (p::text LIKE '%Lovelace%' OR id_photo_score IS NOT NULL OR typing_phrase IS NOT NULL)",
            new { learner }));
        Assert.Equal(BiometricCipher.LearnerKeyId, await connection.ExecuteScalarAsync<string>(
            "SELECT typing_phrase_key_id FROM proctoring.identity_profiles WHERE learner_id = @learner AND id_photo_score_key_id = typing_phrase_key_id", new { learner }));
        var profile = await app.Factory.Services.GetRequiredService<IdentityProfiles>().LoadAsync(learner, Cancel);
        Assert.Equal(phrase, profile!.TypingPhrase);
        Assert.Equal(0.8125f, profile.IdPhotoScore);
    }

    [Fact]
    public async Task A_learner_whose_erasure_was_asked_is_left_to_the_erasure_and_gets_no_new_key()
    {
        var learner = Guid.CreateVersion7();
        await InsertLegacyProfileAsync(learner, "I, Grace Hopper, certify that the work I submit is my own", 0.7f);
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        await connection.ExecuteAsync("INSERT INTO proctoring.erasures (learner_id, requested_at) VALUES (@learner, now())", new { learner });

        await Reseal().ResealAllAsync(Cancel);

        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM proctoring.learner_keys WHERE learner_id = @learner", new { learner }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM proctoring.identity_profiles WHERE learner_id = @learner AND typing_phrase IS NOT NULL", new { learner }));
    }

    [Fact]
    public async Task The_host_seals_plain_profiles_when_it_starts()
    {
        var learner = Guid.CreateVersion7();
        await InsertLegacyProfileAsync(learner, "I, Alan Turing, certify that the work I submit is my own", 0.9f);

        await using var restarted = ProctoringApp.Over(app.Database.ConnectionString);
        await restarted.InitializeAsync();
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        var plain = 1;
        for (var i = 0; i < 200 && plain > 0; i++)
        {
            await Task.Delay(50, Cancel);
            plain = await connection.ExecuteScalarAsync<int>(
                "SELECT count(*)::int FROM proctoring.identity_profiles WHERE learner_id = @learner AND (typing_phrase IS NOT NULL OR id_photo_score IS NOT NULL)", new { learner });
        }

        Assert.Equal(0, plain);
    }

    private static byte[] Template()
    {
        var embedding = new float[128];
        embedding[0] = 1;
        return Verification.Matching.Face.FaceTemplate.Create([embedding]).ToBytes();
    }

    private ProfileReseal Reseal() => app.Factory.Services.GetRequiredService<ProfileReseal>();

    private async Task InsertLegacyProfileAsync(Guid learner, string phrase, float score)
    {
        // As written before learner keys and sealing: the template under the master key, phrase and score in plain text.
        var face = app.Factory.Services.GetRequiredService<EnvelopeEncryption>().Encrypt(Template(), BiometricCipher.Bind("identity_profiles", learner, "face_template"));
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        await connection.ExecuteAsync(
            """
            INSERT INTO proctoring.identity_profiles (learner_id, face_template, face_template_key_id, id_photo_score, typing_phrase, created_at, updated_at, version)
            VALUES (@learner, @face, @keyId, @score, @phrase, now(), now(), 1)
            """,
            new { learner, face = face.Payload, keyId = face.KeyId, score, phrase });
    }
}
