CREATE SCHEMA IF NOT EXISTS catalog;

CREATE TABLE catalog.partners (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE catalog.courses (
    id         uuid        PRIMARY KEY,
    partner_id uuid        NOT NULL REFERENCES catalog.partners (id),
    code       text        NOT NULL UNIQUE,
    title      text        NOT NULL,
    created_at timestamptz NOT NULL
);

-- A paid track that ends in a verified certificate; price in minor units of its currency.
CREATE TABLE catalog.certificate_tracks (
    id           uuid        PRIMARY KEY,
    course_id    uuid        NOT NULL REFERENCES catalog.courses (id),
    price_minor  bigint      NOT NULL CHECK (price_minor >= 0),
    currency     char(3)     NOT NULL,
    requires_identity_verification boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL
);
