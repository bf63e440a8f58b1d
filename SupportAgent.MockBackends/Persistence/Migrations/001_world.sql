-- The seeded world of Northwind Goods: customers, orders, the payments provider's refunds, the carrier's shipments,
-- and the help center. Money is integer cents; JSON shows decimal dollars.

CREATE TABLE seed_info (
    id          int PRIMARY KEY CHECK (id = 1),
    -- Every generated date is an offset from this day, fixed at the first seed, so re-seeding writes the same rows.
    anchor      timestamptz NOT NULL
);

CREATE TABLE customers (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    email       text NOT NULL UNIQUE,
    city        text NOT NULL,
    country     text NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE orders (
    id              bigint PRIMARY KEY,
    customer_id     text NOT NULL REFERENCES customers (id),
    status          text NOT NULL CHECK (status IN ('pending', 'shipped', 'in_transit', 'delivered', 'lost', 'damaged',
                                                    'cancelled', 'refunded', 'partially_refunded')),
    total_cents     bigint NOT NULL CHECK (total_cents > 0),
    refunded_cents  bigint NOT NULL DEFAULT 0,
    shipping_method text NOT NULL,
    placed_at       timestamptz NOT NULL,
    shipped_at      timestamptz,
    delivered_at    timestamptz,
    cancelled_at    timestamptz,
    -- The provider never refunds more than was charged, whatever the caller does.
    CHECK (refunded_cents >= 0 AND refunded_cents <= total_cents)
);
CREATE INDEX orders_by_customer ON orders (customer_id, placed_at DESC);

CREATE TABLE order_items (
    order_id          bigint NOT NULL REFERENCES orders (id),
    line              int NOT NULL,
    sku               text NOT NULL,
    name              text NOT NULL,
    quantity          int NOT NULL CHECK (quantity > 0),
    unit_price_cents  bigint NOT NULL CHECK (unit_price_cents > 0),
    PRIMARY KEY (order_id, line)
);

CREATE TABLE shipments (
    order_id            bigint PRIMARY KEY REFERENCES orders (id),
    carrier             text NOT NULL,
    tracking_number     text NOT NULL UNIQUE,
    status              text NOT NULL CHECK (status IN ('shipped', 'in_transit', 'delivered', 'lost', 'damaged')),
    estimated_delivery  date
);

CREATE TABLE tracking_events (
    order_id     bigint NOT NULL REFERENCES shipments (order_id),
    seq          int NOT NULL,
    at           timestamptz NOT NULL,
    location     text NOT NULL,
    description  text NOT NULL,
    PRIMARY KEY (order_id, seq)
);

CREATE TABLE refunds (
    id            text PRIMARY KEY,
    order_id      bigint NOT NULL REFERENCES orders (id),
    amount_cents  bigint NOT NULL CHECK (amount_cents > 0),
    reason        text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_by_order ON refunds (order_id);

CREATE TABLE reships (
    id               text PRIMARY KEY,
    -- A replacement is sent at most once per order.
    order_id         bigint NOT NULL UNIQUE REFERENCES shipments (order_id),
    carrier          text NOT NULL,
    tracking_number  text NOT NULL UNIQUE,
    reason           text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- What a real provider keeps for Idempotency-Key: the request's fingerprint and the first response, forever here.
CREATE TABLE idempotency_keys (
    scope         text NOT NULL,
    key           text NOT NULL,
    fingerprint   text NOT NULL,
    status_code   int NOT NULL,
    -- The exact bytes first sent, so a replay is indistinguishable from the original answer.
    response      text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);

CREATE TABLE articles (
    id        text PRIMARY KEY,
    title     text NOT NULL,
    category  text NOT NULL,
    body      text NOT NULL,
    search    tsvector GENERATED ALWAYS AS (
                  setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED
);
CREATE INDEX articles_search ON articles USING gin (search);

-- Passages are paragraphs, so a search answer quotes a whole, readable paragraph rather than a clipped fragment.
CREATE TABLE article_paragraphs (
    article_id  text NOT NULL REFERENCES articles (id),
    seq         int NOT NULL,
    text        text NOT NULL,
    search      tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
    PRIMARY KEY (article_id, seq)
);
