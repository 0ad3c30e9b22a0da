<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>ArticleView</name>
    <message>
        <source>Select a document in the list to read it.</source>
        <translation>Wählen Sie links ein Dokument aus, um es zu lesen.</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>language unknown</source>
        <translation>Sprache unbekannt</translation>
    </message>
    <message>
        <source>{0} characters</source>
        <translation>{0} Zeichen</translation>
    </message>
    <message>
        <source>No document selected</source>
        <translation>Kein Dokument ausgewählt</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>Spans</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Zeichen</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>in Arbeit</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>Cannot read the document list: {0}</source>
        <translation>Die Dokumentliste kann nicht gelesen werden: {0}</translation>
    </message>
</context>
<context>
    <name>Highlights</name>
    <message>
        <source>suggestion</source>
        <translation>Vorschlag</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>confidence {0}%</source>
        <translation>Konfidenz {0} %</translation>
    </message>
    <message>
        <source>model {0} {1}</source>
        <translation>Modell {0} {1}</translation>
    </message>
    <message>
        <source>pattern {0}: {1}</source>
        <translation>Muster {0}: {1}</translation>
    </message>
    <message>
        <source>pattern {0}</source>
        <translation>Muster {0}</translation>
    </message>
    <message>
        <source>added by hand</source>
        <translation>von Hand hinzugefügt</translation>
    </message>
    <message>
        <source>imported from {0}</source>
        <translation>importiert aus {0}</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <source>from a review</source>
        <translation>aus einer Prüfung</translation>
    </message>
</context>
<context>
    <name>ImportProgressDialog</name>
    <message>
        <source>Import files</source>
        <translation>Dateien importieren</translation>
    </message>
    <message>
        <source>Reading files…</source>
        <translation>Dateien werden gelesen …</translation>
    </message>
    <message>
        <source>{0} articles read
{1}</source>
        <translation>{0} Artikel gelesen
{1}</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <source>Imported {0} documents.</source>
        <translation>{0} Dokumente importiert.</translation>
    </message>
    <message>
        <source>They include {0} entity spans.</source>
        <translation>Sie enthalten {0} Entitäten-Spans.</translation>
    </message>
    <message>
        <source>Cancelled: what was imported stays.</source>
        <translation>Abgebrochen: Bereits Importiertes bleibt erhalten.</translation>
    </message>
    <message>
        <source>Skipped: {0} duplicates, {1} with errors; {2} warnings. The details say where.</source>
        <translation>Übersprungen: {0} Duplikate, {1} mit Fehlern; {2} Warnungen. Die Details nennen die Stellen.</translation>
    </message>
    <message>
        <source>… and {0} more lines</source>
        <translation>… und {0} weitere Zeilen</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
</context>
<context>
    <name>JobProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Wird nach dem aktuellen Stapel beendet …</translation>
    </message>
</context>
<context>
    <name>LabelLegend</name>
    <message>
        <source>suggestion</source>
        <translation>Vorschlag</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>Suggested by a model or a pattern, not decided</source>
        <translation>Von einem Modell oder Muster vorgeschlagen, noch nicht entschieden</translation>
    </message>
    <message>
        <source>Accepted or edited by you</source>
        <translation>Von Ihnen angenommen oder bearbeitet</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Open project…</source>
        <translation>Projekt ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>Dateien &amp;importieren …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Suggest entities for all documents</source>
        <translation>Entitäten für alle Dokumente &amp;vorschlagen</translation>
    </message>
    <message>
        <source>&amp;About Standpunkt</source>
        <translation>Ü&amp;ber Standpunkt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>&amp;Annotieren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Standpunkt projects (*.sqlite);;All files (*)</source>
        <translation>Standpunkt-Projekte (*.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>{0} wird geöffnet …</translation>
    </message>
    <message>
        <source>{0} – Standpunkt</source>
        <translation>{0} – Standpunkt</translation>
    </message>
    <message>
        <source>New project: imported {0} sample articles.</source>
        <translation>Neues Projekt: {0} Beispielartikel importiert.</translation>
    </message>
    <message>
        <source>Choose a project with File &gt; Open project…</source>
        <translation>Wählen Sie ein Projekt mit Datei &gt; Projekt öffnen …</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>Dateien importieren</translation>
    </message>
    <message>
        <source>Articles (*.txt *.jsonl *.csv *.tsv *.xlsx);;All files (*)</source>
        <translation>Artikel (*.txt *.jsonl *.csv *.tsv *.xlsx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import läuft …</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <source>Documents imported before the error were kept.</source>
        <translation>Vor dem Fehler importierte Dokumente bleiben erhalten.</translation>
    </message>
    <message>
        <source>Stopping the import…</source>
        <translation>Import wird beendet …</translation>
    </message>
    <message>
        <source>Cannot suggest entities</source>
        <translation>Entitäten können nicht vorgeschlagen werden</translation>
    </message>
    <message>
        <source>Cannot read the document: {0}</source>
        <translation>Das Dokument kann nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>The document was deleted.</source>
        <translation>Das Dokument wurde gelöscht.</translation>
    </message>
    <message>
        <source>Standpunkt: label German and English news articles with named entities and stance.</source>
        <translation>Standpunkt: deutsche und englische Nachrichtenartikel mit Named Entities und Haltung (Stance) annotieren.</translation>
    </message>
    <message>
        <source>Project: {0}</source>
        <translation>Projekt: {0}</translation>
    </message>
    <message>
        <source>About Standpunkt</source>
        <translation>Über Standpunkt</translation>
    </message>
</context>
<context>
    <name>ProjectStatusBar</name>
    <message>
        <source>Model: {0}</source>
        <translation>Modell: {0}</translation>
    </message>
    <message>
        <source>No model for “{0}”</source>
        <translation>Kein Modell für „{0}“</translation>
    </message>
    <message>
        <source>Stance: {0}</source>
        <translation>Haltung: {0}</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>Kein Projekt geöffnet</translation>
    </message>
    <message>
        <source>Project: {0}</source>
        <translation>Projekt: {0}</translation>
    </message>
    <message>
        <source>Documents: {0}</source>
        <translation>Dokumente: {0}</translation>
    </message>
    <message>
        <source>Annotator: {0}</source>
        <translation>Annotator: {0}</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
</context>
<context>
    <name>Stance</name>
    <message>
        <source>suggested</source>
        <translation>vorgeschlagen</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>{0}%</source>
        <translation>{0} %</translation>
    </message>
    <message>
        <source>Stance toward {0}: {1} ({2})</source>
        <translation>Haltung zu {0}: {1} ({2})</translation>
    </message>
</context>
<context>
    <name>StancePanel</name>
    <message>
        <source>Stance</source>
        <translation>Haltung</translation>
    </message>
    <message>
        <source>No stance toward the project&apos;s targets yet.</source>
        <translation>Noch keine Haltung zu den Zielen des Projekts.</translation>
    </message>
</context>
<context>
    <name>StanceTableModel</name>
    <message>
        <source>Sentence</source>
        <translation>Satz</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Stance</source>
        <translation>Haltung</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Erklärung</translation>
    </message>
</context>
<context>
    <name>SuggestProgressDialog</name>
    <message>
        <source>Suggest entities</source>
        <translation>Entitäten vorschlagen</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Das Modell wird geladen …</translation>
    </message>
    <message>
        <source>Suggested for {0} of {1} documents</source>
        <translation>Vorschläge für {0} von {1} Dokumenten</translation>
    </message>
</context>
<context>
    <name>SuggestSummary</name>
    <message>
        <source>Suggested entities for {0} documents: {1} new, {2} kept, {3} withdrawn.</source>
        <translation>Entitäten für {0} Dokumente vorgeschlagen: {1} neu, {2} beibehalten, {3} zurückgezogen.</translation>
    </message>
    <message>
        <source>Cancelled: what was suggested stays.</source>
        <translation>Abgebrochen: Die bisherigen Vorschläge bleiben erhalten.</translation>
    </message>
    <message>
        <source>Not suggested for some languages:</source>
        <translation>Für manche Sprachen gibt es keine Vorschläge:</translation>
    </message>
    <message>
        <source>Suggestions stored</source>
        <translation>Vorschläge gespeichert</translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message>
        <source>The document&apos;s language is unknown.</source>
        <translation>Die Sprache des Dokuments ist unbekannt.</translation>
    </message>
    <message>
        <source>No entity suggestions for this document. {0}</source>
        <translation>Keine Entitäten-Vorschläge für dieses Dokument. {0}</translation>
    </message>
    <message>
        <source>Cannot read the entity spans: {0}</source>
        <translation>Die Entitäten-Spans können nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>Suggesting stance…</source>
        <translation>Haltung wird vorgeschlagen…</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>Modell wird geladen …</translation>
    </message>
    <message>
        <source>Suggesting entities…</source>
        <translation>Entitäten werden vorgeschlagen …</translation>
    </message>
    <message>
        <source>Cannot suggest entities: {0}</source>
        <translation>Entitäten können nicht vorgeschlagen werden: {0}</translation>
    </message>
    <message>
        <source>Suggesting entities for all documents…</source>
        <translation>Entitäten für alle Dokumente werden vorgeschlagen …</translation>
    </message>
</context>
</TS>
