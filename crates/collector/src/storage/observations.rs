//! Observations (`observations`) and each one's append-only history (`observation_events`).

use mingjing_domain::iso_date;
use mingjing_domain::supervision::{
    Chapter, Method, Observation, ObservationEventKind, ObservationRole, ObservationStage,
};
use time::Date;

use super::{Conflict, Storage, StorageError, with_pool};

/// An observation as stored, its stage, method, chapter and days decoded.
#[derive(Debug, Clone)]
pub struct ObservationRow {
    pub id: i64,
    pub site_id: String,
    pub supervisor_id: i64,
    pub department: String,
    pub service: Option<String>,
    pub place: String,
    pub observed_at: String,
    pub method: Method,
    pub chapter: Chapter,
    pub article: Option<i64>,
    pub description: String,
    pub stage: ObservationStage,
    pub due_date: Option<Date>,
    pub reopened: i64,
    pub confirmed: bool,
    pub submitted_at: i64,
    pub submitted_day: Date,
    pub rectified_day: Option<Date>,
}

/// The columns as the database holds them; [`Stored::decode`] is the one place their text
/// becomes types, and a value that does not decode is [`StorageError::Corrupt`].
#[derive(sqlx::FromRow)]
struct Stored {
    id: i64,
    site_id: String,
    supervisor_id: i64,
    department: String,
    service: Option<String>,
    place: String,
    observed_at: String,
    method: String,
    chapter: String,
    article: Option<i64>,
    description: String,
    stage: String,
    due_date: Option<String>,
    reopened: i64,
    confirmed: bool,
    submitted_at: i64,
    submitted_day: String,
    rectified_day: Option<String>,
}

impl Stored {
    fn decode(self) -> Result<ObservationRow, StorageError> {
        let id = self.id;
        let corrupt = |what: &str, value: &str| StorageError::Corrupt(format!("observation {id}: {what} {value:?}"));
        let day = |what: &str, text: &str| iso_date::parse(text).ok_or_else(|| corrupt(what, text));
        let optional_day = |what: &str, text: Option<&str>| text.map(|t| day(what, t)).transpose();
        Ok(ObservationRow {
            method: Method::parse(&self.method).ok_or_else(|| corrupt("method", &self.method))?,
            chapter: Chapter::parse(&self.chapter).ok_or_else(|| corrupt("chapter", &self.chapter))?,
            stage: ObservationStage::parse(&self.stage).ok_or_else(|| corrupt("stage", &self.stage))?,
            due_date: optional_day("due date", self.due_date.as_deref())?,
            submitted_day: day("submitted day", &self.submitted_day)?,
            rectified_day: optional_day("rectified day", self.rectified_day.as_deref())?,
            id,
            site_id: self.site_id,
            supervisor_id: self.supervisor_id,
            department: self.department,
            service: self.service,
            place: self.place,
            observed_at: self.observed_at,
            article: self.article,
            description: self.description,
            reopened: self.reopened,
            confirmed: self.confirmed,
            submitted_at: self.submitted_at,
        })
    }
}

/// One step of an observation's history.
#[derive(Debug, Clone)]
pub struct ObservationEventRow {
    pub at: i64,
    pub role: ObservationRole,
    pub actor: String,
    pub kind: ObservationEventKind,
    pub note: String,
    pub department: Option<String>,
    pub due_date: Option<String>,
}

/// A stage change and the event that records it, applied only if the observation is still
/// at `from` (so two staff members cannot both move it).
#[derive(Debug, Clone)]
pub struct ObservationStep {
    pub from: ObservationStage,
    pub to: ObservationStage,
    pub event: ObservationEventRow,
    /// The new due day; `None` clears it.
    pub due_date: Option<Date>,
    /// A new department (assignment).
    pub department: Option<String>,
    /// Set when confirmed (查实).
    pub confirmed: Option<bool>,
    /// The day it was rectified.
    pub rectified_day: Option<Date>,
    /// Whether this step is the supervisor reopening it.
    pub reopens: bool,
}

/// `SELECT <every observation column> FROM observations <rest>`, as one static string.
macro_rules! select_observations {
    ($rest:literal) => {
        concat!(
            "SELECT id, site_id, supervisor_id, department, service, place, observed_at, method, chapter, article, \
             description, stage, due_date, reopened, confirmed, submitted_at, submitted_day, rectified_day \
             FROM observations ",
            $rest
        )
    };
}

impl Storage {
    /// Stores a new observation with its first event and attaches its photos, in one
    /// transaction. Returns the id and whether it is new: the same idempotency key from
    /// the same supervisor returns the first one's id.
    pub async fn create_observation(
        &self,
        site_id: &str,
        supervisor_id: i64,
        new: &Observation,
        now: i64,
        today: Date,
    ) -> Result<(i64, bool), StorageError> {
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let existing: Option<i64> =
                sqlx::query_scalar("SELECT id FROM observations WHERE supervisor_id = $1 AND idempotency_key = $2")
                    .bind(supervisor_id)
                    .bind(new.idempotency_key.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some(id) = existing {
                return Ok((id, false));
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO observations (site_id, supervisor_id, idempotency_key, department, service, place, observed_at,
                     method, chapter, article, description, stage, due_date, reopened, confirmed, submitted_at, submitted_day)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'submitted', NULL, 0, FALSE, $12, $13) RETURNING id",
            )
            .bind(site_id)
            .bind(supervisor_id)
            .bind(new.idempotency_key.as_str())
            .bind(&new.department)
            .bind(&new.service)
            .bind(&new.place)
            .bind(&new.observed_at)
            .bind(new.method.as_str())
            .bind(new.chapter.as_str())
            .bind(new.article.map(i64::from))
            .bind(&new.description)
            .bind(now)
            .bind(iso_date::format(today))
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO observation_events (observation_id, at, role, actor, kind, note, department, due_date)
                 VALUES ($1, $2, 'supervisor', $3, 'submitted', '', $4, NULL)",
            )
            .bind(id)
            .bind(now)
            .bind(format!("supervisor:{supervisor_id}"))
            .bind(&new.department)
            .execute(&mut *tx)
            .await?;
            for photo in &new.photos {
                let attached = sqlx::query(
                    "UPDATE observation_photos SET observation_id = $1
                     WHERE id = $2 AND supervisor_id = $3 AND observation_id IS NULL",
                )
                .bind(id)
                .bind(photo)
                .bind(supervisor_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if attached != 1 {
                    // Dropping the transaction rolls everything back: nothing half-stored.
                    return Err(StorageError::Conflict(Conflict::PhotoUnavailable));
                }
            }
            tx.commit().await?;
            Ok((id, true))
        })
    }

    pub async fn observation(&self, id: i64) -> Result<Option<ObservationRow>, StorageError> {
        let sql = select_observations!("WHERE id = $1");
        let row: Option<Stored> = with_pool!(self, |pool| sqlx::query_as(sql).bind(id).fetch_optional(pool).await?);
        row.map(Stored::decode).transpose()
    }

    pub async fn observations_of_supervisor(&self, supervisor_id: i64) -> Result<Vec<ObservationRow>, StorageError> {
        let sql = select_observations!("WHERE supervisor_id = $1 ORDER BY id DESC");
        let rows: Vec<Stored> =
            with_pool!(self, |pool| sqlx::query_as(sql).bind(supervisor_id).fetch_all(pool).await?);
        rows.into_iter().map(Stored::decode).collect()
    }

    pub async fn observations_of_site(&self, site_id: &str) -> Result<Vec<ObservationRow>, StorageError> {
        let sql = select_observations!("WHERE site_id = $1 ORDER BY id DESC");
        let rows: Vec<Stored> = with_pool!(self, |pool| sqlx::query_as(sql).bind(site_id).fetch_all(pool).await?);
        rows.into_iter().map(Stored::decode).collect()
    }

    pub async fn observation_events(&self, observation_id: i64) -> Result<Vec<ObservationEventRow>, StorageError> {
        type Stored = (i64, String, String, String, String, Option<String>, Option<String>);
        let rows: Vec<Stored> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT at, role, actor, kind, note, department, due_date FROM observation_events
                 WHERE observation_id = $1 ORDER BY id",
            )
            .bind(observation_id)
            .fetch_all(pool)
            .await?
        });
        let corrupt = |what: &str, value: &str| {
            StorageError::Corrupt(format!("observation {observation_id}: event {what} {value:?}"))
        };
        rows.into_iter()
            .map(|(at, role, actor, kind, note, department, due_date)| {
                Ok(ObservationEventRow {
                    role: ObservationRole::parse(&role).ok_or_else(|| corrupt("role", &role))?,
                    kind: ObservationEventKind::parse(&kind).ok_or_else(|| corrupt("kind", &kind))?,
                    at,
                    actor,
                    note,
                    department,
                    due_date,
                })
            })
            .collect()
    }

    /// Applies one step if the observation is still where the caller saw it; `false` if
    /// someone else moved it first.
    pub async fn apply_observation_step(&self, id: i64, step: &ObservationStep) -> Result<bool, StorageError> {
        with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let moved = sqlx::query(
                "UPDATE observations SET stage = $1, due_date = $2, department = COALESCE($3, department),
                     confirmed = COALESCE($4, confirmed), rectified_day = COALESCE($5, rectified_day),
                     reopened = reopened + $6
                 WHERE id = $7 AND stage = $8",
            )
            .bind(step.to.as_str())
            .bind(step.due_date.map(iso_date::format))
            .bind(&step.department)
            .bind(step.confirmed)
            .bind(step.rectified_day.map(iso_date::format))
            .bind(i64::from(step.reopens))
            .bind(id)
            .bind(step.from.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if moved != 1 {
                return Ok(false);
            }
            let e = &step.event;
            sqlx::query(
                "INSERT INTO observation_events (observation_id, at, role, actor, kind, note, department, due_date)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id)
            .bind(e.at)
            .bind(e.role.as_str())
            .bind(&e.actor)
            .bind(e.kind.as_str())
            .bind(&e.note)
            .bind(&e.department)
            .bind(&e.due_date)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(true)
        })
    }
}
