-- Partners get a country and a public slug; rows from 0001 get a slug derived from their id.
ALTER TABLE catalog.partners
    ADD COLUMN country char(2),
    ADD COLUMN slug    text,
    ADD COLUMN updated_at timestamptz;
UPDATE catalog.partners SET slug = 'partner-' || replace(id::text, '-', '') WHERE slug IS NULL;
ALTER TABLE catalog.partners ALTER COLUMN slug SET NOT NULL;
ALTER TABLE catalog.partners ADD CONSTRAINT partners_slug_key UNIQUE (slug);

-- A course's public identity is its slug; the 0001 code stays as the platform's own course code.
ALTER TABLE catalog.courses
    ADD COLUMN slug         text,
    ADD COLUMN languages    text[]  NOT NULL DEFAULT '{en}',
    ADD COLUMN graded_items integer NOT NULL DEFAULT 1 CHECK (graded_items >= 0),
    ADD COLUMN starts_on    date,
    ADD COLUMN retired_at   timestamptz,
    ADD COLUMN updated_at   timestamptz;
UPDATE catalog.courses SET slug = lower(code) WHERE slug IS NULL;
ALTER TABLE catalog.courses ALTER COLUMN slug SET NOT NULL;
ALTER TABLE catalog.courses ADD CONSTRAINT courses_slug_key UNIQUE (slug);

CREATE TABLE catalog.specializations (
    id         uuid        PRIMARY KEY,
    partner_id uuid        NOT NULL REFERENCES catalog.partners (id),
    slug       text        NOT NULL UNIQUE,
    title      text        NOT NULL,
    created_at timestamptz NOT NULL,
    retired_at timestamptz
);

CREATE TABLE catalog.specialization_courses (
    specialization_id uuid    NOT NULL REFERENCES catalog.specializations (id),
    position          integer NOT NULL CHECK (position >= 1),
    course_id         uuid    NOT NULL REFERENCES catalog.courses (id),
    PRIMARY KEY (specialization_id, position),
    UNIQUE (specialization_id, course_id)
);

-- A track belongs to a course or to a specialization, never both.
ALTER TABLE catalog.certificate_tracks
    ALTER COLUMN course_id DROP NOT NULL,
    ADD COLUMN specialization_id uuid REFERENCES catalog.specializations (id),
    ADD COLUMN typing_check text NOT NULL DEFAULT 'every_assessment'
        CHECK (typing_check IN ('none', 'first_assessment', 'every_assessment')),
    ADD COLUMN updated_at timestamptz,
    ADD CONSTRAINT certificate_tracks_one_owner CHECK ((course_id IS NULL) <> (specialization_id IS NULL));
CREATE UNIQUE INDEX certificate_tracks_course ON catalog.certificate_tracks (course_id) WHERE course_id IS NOT NULL;
CREATE UNIQUE INDEX certificate_tracks_specialization ON catalog.certificate_tracks (specialization_id) WHERE specialization_id IS NOT NULL;
