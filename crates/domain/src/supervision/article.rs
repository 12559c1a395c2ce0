//! The articles of the regulation, with short titles, for the picker an observation cites
//! an article from. The list is `data/regulation-articles.txt`, taken from the regulation's
//! text in `shared/domain/`.

use serde::{Deserialize, Serialize};

const ARTICLES: &str = include_str!("../../data/regulation-articles.txt");

/// One article: its number, chapter and short title in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Article {
    pub number: u32,
    pub chapter: String,
    pub zh: String,
    pub en: String,
}

/// Every article, in order, read from the list once.
pub fn articles() -> &'static [Article] {
    static PARSED: std::sync::OnceLock<Vec<Article>> = std::sync::OnceLock::new();
    PARSED.get_or_init(parse)
}

fn parse() -> Vec<Article> {
    ARTICLES
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut parts = line.split('|');
            let number = parts.next()?.trim().parse().ok()?;
            let chapter = parts.next()?.trim().to_owned();
            let zh = parts.next()?.trim().to_owned();
            let en = parts.next()?.trim().to_owned();
            Some(Article { number, chapter, zh, en })
        })
        .collect()
}

/// Whether the regulation has an article with this number.
pub fn is_article(number: u32) -> bool {
    articles().iter().any(|a| a.number == number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_article_from_the_first_to_the_last_is_listed_once_with_titles() {
        let list = articles();
        assert!(list.len() >= 60, "{} articles", list.len());
        for (i, article) in list.iter().enumerate() {
            assert_eq!(article.number as usize, i + 1);
            assert!(!article.zh.is_empty() && !article.en.is_empty(), "article {}", article.number);
        }
        let chapters = ["总则", "市场环境", "政务环境", "法治环境", "监督问效", "附则"];
        assert!(list.iter().all(|a| chapters.contains(&a.chapter.as_str())));
        assert!(is_article(67) && !is_article(0) && !is_article(999));
    }
}
