//! The `catalogue!` macro: each key is declared once with its Chinese and English text.

/// Declares a catalogue: a struct with one field per key, and its Chinese and English values.
///
/// A key is either plain, `name: "中文" / "English",`, a `&'static str`, or templated,
/// `name(n: u32): "共 {n} 条" / "{n} in all",`, a function whose arguments fill the
/// placeholders through `format!`. So a placeholder that names no argument does not compile,
/// and neither does an argument that one language leaves out (`unused_variables` is denied).
/// A templated key is called as a method, `t.name(3)`; the field holding the function is
/// public only because a field's visibility cannot depend on its kind in `macro_rules!`.
macro_rules! catalogue {
    (
        $(#[$attr:meta])*
        $name:ident {
            $($key:ident $(($($arg:ident: $ty:ty),*))?: $zh:literal / $en:literal,)*
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug)]
        pub struct $name {
            $(pub $key: $crate::catalogue::text_type!($(($($ty),*))?),)*
        }

        impl $name {
            /// The catalogue in `lang`: one static per language.
            pub fn of(lang: $crate::Lang) -> &'static Self {
                #[deny(unused_variables)]
                static ZH_CN: $name = $name { $($key: $crate::catalogue::text!($zh $(($($arg: $ty),*))?),)* };
                #[deny(unused_variables)]
                static EN: $name = $name { $($key: $crate::catalogue::text!($en $(($($arg: $ty),*))?),)* };
                match lang {
                    $crate::Lang::ZhCn => &ZH_CN,
                    $crate::Lang::En => &EN,
                }
            }

            $($(
                pub fn $key(&self, $($arg: $ty),*) -> String {
                    (self.$key)($($arg),*)
                }
            )?)*

            /// Every key with its text, templated ones filled with default arguments.
            #[cfg(test)]
            pub fn entries(&self) -> Vec<(&'static str, String)> {
                vec![$((stringify!($key), $crate::catalogue::sample!(self.$key $(, ($($ty),*))?))),*]
            }
        }
    };
}

/// A key's field type: a text, or a function of the key's arguments.
macro_rules! text_type {
    () => { &'static str };
    (($($ty:ty),*)) => { fn($($ty),*) -> String };
}

/// A key's value in one language.
macro_rules! text {
    ($text:literal) => { $text };
    ($text:literal ($($arg:ident: $ty:ty),*)) => { |$($arg: $ty),*| format!($text) };
}

/// A key's text for the tests, whatever its kind.
#[cfg(test)]
macro_rules! sample {
    ($text:expr) => { $text.to_owned() };
    ($function:expr, ($($ty:ty),*)) => { ($function)($(<$ty as Default>::default()),*) };
}

#[cfg(test)]
pub(crate) use sample;
pub(crate) use {catalogue, text, text_type};
