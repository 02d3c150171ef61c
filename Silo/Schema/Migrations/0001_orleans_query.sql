-- The Orleans ADO.NET providers keep no SQL of their own: at start-up each one reads the statements it needs from
-- this table by key ("SELECT QueryKey, QueryText FROM OrleansQuery") and then runs them with named parameters.
-- The table and column names are therefore part of the providers' contract and must stay exactly as they are.
-- Later migrations register their statements with INSERT ... ON CONFLICT DO UPDATE, so re-running them is harmless
-- and an edited statement replaces the old text.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,

    CONSTRAINT pk_orleans_query PRIMARY KEY (QueryKey)
);
