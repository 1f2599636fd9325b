//! Prints the coder's trace for one sentence (development aid; the binary
//! has `sitrep explain`).

fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let lex = sitrep_lexicon::Lexicon::load_default().expect("lexicon");
    let coder = sitrep_coder::Coder::new(&lex);
    let mut doc = sitrep_text::build_text_document(&text);
    if let Some(d) = std::env::args().nth(2) {
        doc.date = Some(d);
    }
    coder.code(&mut doc);
    for m in &doc.mentions {
        println!(
            "mention {:?} {} {} {} ({}) ante={:?}",
            doc.slice(m.span),
            m.code.as_deref().unwrap_or("-"),
            m.sector.as_deref().unwrap_or("-"),
            m.kind.as_str(),
            m.entry,
            m.antecedent
        );
    }
    for e in &doc.events {
        let who = |v: &[sitrep_core::ActorRef]| {
            v.iter()
                .map(|a| format!("{}:{}", a.code.as_deref().unwrap_or("?"), a.sector.as_deref().unwrap_or("-")))
                .collect::<Vec<_>>()
                .join("+")
        };
        println!(
            "EVENT {} {} -> {} [{}] `{}` ({}) text={:?}",
            e.event,
            who(&e.actor),
            who(&e.recipient),
            e.status,
            e.explanation.pattern,
            e.explanation.pattern_source,
            e.event_text
        );
        for r in &e.explanation.roles {
            println!("   {r}");
        }
        for c in &e.explanation.cues {
            println!("   cue {:?} {}", c.text, c.kind);
        }
        for n in &e.explanation.notes {
            println!("   note {n}");
        }
        if let Some(s) = &e.said_by {
            println!("   said_by {} {}", s.entity_text, s.kind);
        }
    }
}
