//! Adding a contribution to the count tables, inside the caller's transaction.

use super::{Contribution, FollowUpKey, OpenKey, RatingKey};

const ADD_RATING: &str = "INSERT INTO rating_counts
     (site_id, day, service_code, rating, verified, system_default, excluded_as, n)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (site_id, day, service_code, rating, verified, system_default, excluded_as)
     DO UPDATE SET n = rating_counts.n + excluded.n";
const ADD_FOLLOW_UP: &str = "INSERT INTO follow_up_counts
     (site_id, day, service_code, named, called_back, confirmed, rectified, closed, closed_on_time, n)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (site_id, day, service_code, named, called_back, confirmed, rectified, closed, closed_on_time)
     DO UPDATE SET n = follow_up_counts.n + excluded.n";
const ADD_OPEN: &str = "INSERT INTO open_follow_up_counts (site_id, day, service_code, due_date, n)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (site_id, day, service_code, due_date) DO UPDATE SET n = open_follow_up_counts.n + excluded.n";

/// Adds `n` times a contribution (`n = -1` takes one away), inside the caller's transaction.
pub(in crate::storage) async fn add_counts<'c, DB>(
    tx: &mut sqlx::Transaction<'c, DB>,
    c: &Contribution,
    n: i64,
) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    for<'t> &'t mut <DB as sqlx::Database>::Connection: sqlx::Executor<'t, Database = DB>,
{
    for c in [c.clone(), c.for_site()] {
        add_rating(tx, &c.rating, n).await?;
        if let Some(f) = &c.follow_up {
            add_follow_up(tx, f, n).await?;
        }
        if let Some(o) = &c.open {
            add_open(tx, o, n).await?;
        }
    }
    Ok(())
}

pub(super) async fn add_rating<'c, DB>(
    tx: &mut sqlx::Transaction<'c, DB>,
    r: &RatingKey,
    n: i64,
) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    for<'t> &'t mut <DB as sqlx::Database>::Connection: sqlx::Executor<'t, Database = DB>,
{
    sqlx::query::<DB>(ADD_RATING)
        .bind(r.site_id.clone())
        .bind(r.day.clone())
        .bind(r.service_code.clone())
        .bind(r.rating)
        .bind(r.verified)
        .bind(r.system_default)
        .bind(r.excluded_as.to_owned())
        .bind(n)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(super) async fn add_follow_up<'c, DB>(
    tx: &mut sqlx::Transaction<'c, DB>,
    f: &FollowUpKey,
    n: i64,
) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    for<'t> &'t mut <DB as sqlx::Database>::Connection: sqlx::Executor<'t, Database = DB>,
{
    sqlx::query::<DB>(ADD_FOLLOW_UP)
        .bind(f.site_id.clone())
        .bind(f.day.clone())
        .bind(f.service_code.clone())
        .bind(f.named)
        .bind(f.called_back)
        .bind(f.confirmed)
        .bind(f.rectified)
        .bind(f.closed)
        .bind(f.closed_on_time)
        .bind(n)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(super) async fn add_open<'c, DB>(tx: &mut sqlx::Transaction<'c, DB>, o: &OpenKey, n: i64) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    for<'t> &'t mut <DB as sqlx::Database>::Connection: sqlx::Executor<'t, Database = DB>,
{
    sqlx::query::<DB>(ADD_OPEN)
        .bind(o.site_id.clone())
        .bind(o.day.clone())
        .bind(o.service_code.clone())
        .bind(o.due_date.clone())
        .bind(n)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
