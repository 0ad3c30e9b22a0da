<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>ActorsDialog</name>
    <message>
        <source>Stance actors</source>
        <translation>Akteure</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Merge selected…</source>
        <translation>Ausgewählte &amp;zusammenführen…</translation>
    </message>
    <message>
        <source>&amp;Propose from entities…</source>
        <translation>Aus Entitäten &amp;vorschlagen…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>Cannot read the actors</source>
        <translation>Die Akteure können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Add actor</source>
        <translation>Akteur hinzufügen</translation>
    </message>
    <message>
        <source>Edit actor</source>
        <translation>Akteur bearbeiten</translation>
    </message>
    <message>
        <source>One alias per line, or separated by commas: the ways the articles name this actor. Words selected as a holder that match an alias count for the actor.</source>
        <translation>Ein Alias pro Zeile oder durch Kommas getrennt: wie die Artikel diesen Akteur nennen. Als Träger markierte Wörter, die einem Alias entsprechen, gelten als dieser Akteur.</translation>
    </message>
    <message>
        <source>There is an actor “{0}” already; edit it to change its aliases.</source>
        <translation>Es gibt schon einen Akteur „{0}“; bearbeiten Sie ihn, um seine Aliase zu ändern.</translation>
    </message>
    <message>
        <source>Cannot add the actor</source>
        <translation>Der Akteur kann nicht hinzugefügt werden</translation>
    </message>
    <message>
        <source>“{0}” was not added: {1}</source>
        <translation>„{0}“ wurde nicht hinzugefügt: {1}</translation>
    </message>
    <message>
        <source>Added “{0}”.</source>
        <translation>„{0}“ hinzugefügt.</translation>
    </message>
    <message>
        <source>“{0}” was not changed: {1}</source>
        <translation>„{0}“ wurde nicht geändert: {1}</translation>
    </message>
    <message>
        <source>Cannot change the actor</source>
        <translation>Der Akteur kann nicht geändert werden</translation>
    </message>
    <message>
        <source>Saved “{0}”.</source>
        <translation>„{0}“ gespeichert.</translation>
    </message>
    <message>
        <source>“{0}” was not removed: {1}</source>
        <translation>„{0}“ wurde nicht entfernt: {1}</translation>
    </message>
    <message>
        <source>Cannot remove the actor</source>
        <translation>Der Akteur kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>Removed “{0}”.</source>
        <translation>„{0}“ entfernt.</translation>
    </message>
    <message>
        <source>Cannot merge the actors</source>
        <translation>Die Akteure können nicht zusammengeführt werden</translation>
    </message>
    <message numerus="yes">
        <source>Merged into “{0}”; %n stance label(s) moved.</source>
        <translation>
            <numerusform>In „{0}“ zusammengeführt; %n Haltungslabel übernommen.</numerusform>
            <numerusform>In „{0}“ zusammengeführt; %n Haltungslabel übernommen.</numerusform>
        </translation>
    </message>
    <message>
        <source>People, organisations and places that hold stances</source>
        <translation>Personen, Organisationen und Orte, die Haltungen vertreten</translation>
    </message>
    <message>
        <source>Looking for the entities that hold stances…</source>
        <translation>Suche nach den Entitäten, die Haltungen vertreten …</translation>
    </message>
    <message>
        <source>Check the names that are actors, then add them.</source>
        <translation>Haken Sie die Namen an, die Akteure sind, und fügen Sie sie hinzu.</translation>
    </message>
    <message>
        <source>No new names: the entities that hold stances are actors already, or no stance row names its holder by an entity yet.</source>
        <translation>Keine neuen Namen: Die Entitäten, die Haltungen vertreten, sind schon Akteure, oder noch keine Haltungszeile nennt ihren Träger mit einer Entität.</translation>
    </message>
    <message>
        <source>Cannot propose actors</source>
        <translation>Es können keine Akteure vorgeschlagen werden</translation>
    </message>
    <message>
        <source>Cannot add the actors</source>
        <translation>Die Akteure können nicht hinzugefügt werden</translation>
    </message>
    <message numerus="yes">
        <source>Added %n actor(s): {0}.</source>
        <translation>
            <numerusform>%n Akteur(e) hinzugefügt: {0}.</numerusform>
            <numerusform>%n Akteur(e) hinzugefügt: {0}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove actor</source>
        <translation>Akteur entfernen</translation>
    </message>
    <message>
        <source>Remove the actor “{0}” and its aliases?</source>
        <translation>Den Akteur „{0}“ und seine Aliase entfernen?</translation>
    </message>
    <message>
        <source>Merge actors</source>
        <translation>Akteure zusammenführen</translation>
    </message>
    <message>
        <source>Keep this actor; the others become its aliases:</source>
        <translation>Diesen Akteur behalten; die anderen werden seine Aliase:</translation>
    </message>
</context>
<context>
    <name>AliasTableModel</name>
    <message>
        <source>Aliases</source>
        <translation>Aliase</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
</context>
<context>
    <name>AnnotatorDialog</name>
    <message>
        <source>Annotator</source>
        <translation>Annotator</translation>
    </message>
    <message>
        <source>Welcome to Standpunkt. Your labels are stored under your name, so that several annotators can label the same project. Which name should it be?</source>
        <translation>Willkommen bei Standpunkt. Ihre Labels werden unter Ihrem Namen gespeichert, damit mehrere Annotatoren dasselbe Projekt annotieren können. Welcher Name soll es sein?</translation>
    </message>
    <message>
        <source>Your labels are stored under this name. The open project is opened again to show the labels of the new name.</source>
        <translation>Ihre Labels werden unter diesem Namen gespeichert. Das offene Projekt wird neu geöffnet, um die Labels des neuen Namens zu zeigen.</translation>
    </message>
</context>
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
    <name>ArticleZoom</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>&amp;Originalgröße</translation>
    </message>
</context>
<context>
    <name>BackupTableModel</name>
    <message>
        <source>project opened</source>
        <translation>Projekt geöffnet</translation>
    </message>
    <message>
        <source>file replaced by a restore</source>
        <translation>durch Wiederherstellung ersetzt</translation>
    </message>
    <message>
        <source>before the upgrade to schema {0}</source>
        <translation>vor dem Upgrade auf Schema {0}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft …</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>in Ordnung</translation>
    </message>
    <message>
        <source>no Standpunkt project</source>
        <translation>kein Standpunkt-Projekt</translation>
    </message>
    <message>
        <source>damaged: {0}</source>
        <translation>beschädigt: {0}</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Anlass</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>ChartTab</name>
    <message>
        <source>&amp;Export PNG…</source>
        <translation>&amp;PNG exportieren…</translation>
    </message>
</context>
<context>
    <name>DocumentFilterBar</name>
    <message>
        <source>Show documents with this status of yours</source>
        <translation>Dokumente mit diesem Status (für Sie) zeigen</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Show documents with a span of this entity label</source>
        <translation>Dokumente mit einem Span dieses Entitätenlabels zeigen</translation>
    </message>
    <message>
        <source>Assigned to me</source>
        <translation>Mir zugewiesen</translation>
    </message>
    <message>
        <source>Search text…</source>
        <translation>Text suchen…</translation>
    </message>
    <message>
        <source>&amp;Find in documents</source>
        <translation>In Dokumenten &amp;suchen</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>Alle Labels</translation>
    </message>
    <message>
        <source>Show only the documents assigned to you</source>
        <translation>Nur die Ihnen zugewiesenen Dokumente zeigen</translation>
    </message>
    <message>
        <source>No documents are assigned to annotators in this project</source>
        <translation>In diesem Projekt sind keine Dokumente Annotierenden zugewiesen</translation>
    </message>
    <message>
        <source>Show only documents you flagged as unsure</source>
        <translation>Nur Dokumente zeigen, die Sie als unsicher markiert haben</translation>
    </message>
</context>
<context>
    <name>DocumentOrderMenu</name>
    <message>
        <source>&amp;Order documents</source>
        <translation>Dokumente &amp;ordnen</translation>
    </message>
    <message>
        <source>In &amp;import order</source>
        <translation>In &amp;Importreihenfolge</translation>
    </message>
    <message>
        <source>Most &amp;uncertain suggestions first</source>
        <translation>&amp;Unsicherste Vorschläge zuerst</translation>
    </message>
</context>
<context>
    <name>DocumentStanceBox</name>
    <message>
        <source>Whole document:</source>
        <translation>Ganzes Dokument:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Stance of the whole document toward {0}</source>
        <translation>Haltung des ganzen Dokuments zu {0}</translation>
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
        <source>Flagged as unsure: {0}</source>
        <translation>Als unsicher markiert: {0}</translation>
    </message>
    <message>
        <source>Flagged as unsure</source>
        <translation>Als unsicher markiert</translation>
    </message>
    <message>
        <source>Open / decided</source>
        <translation>Offen / entschieden</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Zeichen</translation>
    </message>
    <message>
        <source>Uncertainty</source>
        <translation>Unsicherheit</translation>
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
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <source>The document&apos;s title, or the start of its text</source>
        <translation>Der Titel des Dokuments oder der Anfang seines Textes</translation>
    </message>
    <message>
        <source>The document&apos;s language</source>
        <translation>Die Sprache des Dokuments</translation>
    </message>
    <message>
        <source>Your status of the document</source>
        <translation>Ihr Status des Dokuments</translation>
    </message>
    <message>
        <source>Entity suggestions still open for you (hidden low-confidence ones included) / spans you accepted or edited</source>
        <translation>Noch offene Entitätsvorschläge für Sie (ausgeblendete mit niedriger Konfidenz eingeschlossen) / von Ihnen angenommene oder bearbeitete Spans</translation>
    </message>
    <message>
        <source>The length of the text in characters</source>
        <translation>Die Länge des Textes in Zeichen</translation>
    </message>
    <message>
        <source>How unsure the least confident open suggestion is</source>
        <translation>Wie unsicher der am wenigsten sichere offene Vorschlag ist</translation>
    </message>
    <message>
        <source>{0} %</source>
        <translation>{0} %</translation>
    </message>
    <message>
        <source>Cannot read the document list: {0}</source>
        <translation>Die Dokumentliste kann nicht gelesen werden: {0}</translation>
    </message>
</context>
<context>
    <name>DocumentWorkflow</name>
    <message>
        <source>Mark &amp;done and next</source>
        <translation>Als &amp;erledigt markieren und weiter</translation>
    </message>
    <message>
        <source>&amp;Skip and next</source>
        <translation>&amp;Überspringen und weiter</translation>
    </message>
    <message>
        <source>Mark in progress (&amp;reopen)</source>
        <translation>In Bearbeitung setzen (&amp;wieder öffnen)</translation>
    </message>
    <message>
        <source>Reset to &amp;suggestions…</source>
        <translation>Auf &amp;Vorschläge zurücksetzen…</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>D&amp;okument</translation>
    </message>
    <message>
        <source>Time spent not saved: {0}</source>
        <translation>Bearbeitungszeit nicht gespeichert: {0}</translation>
    </message>
    <message>
        <source>Cannot mark the document as opened: {0}</source>
        <translation>Das Dokument kann nicht als geöffnet markiert werden: {0}</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Skip document</source>
        <translation>Dokument überspringen</translation>
    </message>
    <message>
        <source>Reopen document</source>
        <translation>Dokument wieder öffnen</translation>
    </message>
    <message>
        <source>Not done: {0}</source>
        <translation>Nicht ausgeführt: {0}</translation>
    </message>
    <message>
        <source>Every listed document is done or skipped.</source>
        <translation>Alle gelisteten Dokumente sind erledigt oder übersprungen.</translation>
    </message>
    <message>
        <source>Reset to suggestions</source>
        <translation>Auf Vorschläge zurücksetzen</translation>
    </message>
    <message>
        <source>Nothing to reset: no decisions of yours in this document.</source>
        <translation>Nichts zurückzusetzen: Sie haben in diesem Dokument nichts entschieden.</translation>
    </message>
    <message>
        <source>Remove your entity spans and stance decisions in this document, so that it shows the machine suggestions again? Undo brings them back.</source>
        <translation>Ihre Entitäten-Spans und Haltungsentscheidungen in diesem Dokument entfernen, sodass es wieder die maschinellen Vorschläge zeigt? Rückgängig bringt sie zurück.</translation>
    </message>
    <message>
        <source>Cannot count your progress: {0}</source>
        <translation>Ihr Fortschritt kann nicht gezählt werden: {0}</translation>
    </message>
    <message>
        <source>{0} of {1} done</source>
        <translation>{0} von {1} erledigt</translation>
    </message>
</context>
<context>
    <name>EntityMenu</name>
    <message>
        <source>&amp;Next suggestion</source>
        <translation>&amp;Nächster Vorschlag</translation>
    </message>
    <message>
        <source>&amp;Previous suggestion</source>
        <translation>&amp;Vorheriger Vorschlag</translation>
    </message>
    <message>
        <source>&amp;Accept span</source>
        <translation>Span &amp;annehmen</translation>
    </message>
    <message>
        <source>&amp;Reject or delete span</source>
        <translation>Span ablehnen oder &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Extend span end by a word</source>
        <translation>Span-&amp;Ende um ein Wort verlängern</translation>
    </message>
    <message>
        <source>S&amp;horten span end by a word</source>
        <translation>Span-Ende um ein Wort &amp;kürzen</translation>
    </message>
    <message>
        <source>E&amp;xtend span start by a word</source>
        <translation>Span-Anfang um ein Wort &amp;erweitern</translation>
    </message>
    <message>
        <source>Shorten span start by a &amp;word</source>
        <translation>Span-Anfang um ein &amp;Wort kürzen</translation>
    </message>
    <message>
        <source>&amp;Unfocus span</source>
        <translation>Span nicht mehr &amp;fokussieren</translation>
    </message>
    <message>
        <source>Accept all entity su&amp;ggestions</source>
        <translation>Alle Entitäten&amp;vorschläge annehmen</translation>
    </message>
    <message>
        <source>&amp;Label span as</source>
        <translation>Span &amp;labeln als</translation>
    </message>
    <message>
        <source>{0}, exactly as selected</source>
        <translation>{0}, genau wie markiert</translation>
    </message>
</context>
<context>
    <name>EntityTraining</name>
    <message>
        <source>Training the entity model was cancelled; nothing was saved.</source>
        <translation>Das Training des Entitätsmodells wurde abgebrochen; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The new entity model takes over: held-out F1 {0} against {1} for {2} ({3} documents trained on, {4} held out).</source>
        <translation>Das neue Entitätsmodell übernimmt: F1 auf zurückgehaltenen Dokumenten {0} gegenüber {1} für {2} ({3} Dokumente trainiert, {4} zurückgehalten).</translation>
    </message>
    <message>
        <source>The new entity model reaches a held-out F1 of {0} against {1} for {2}, which keeps suggesting ({3} documents trained on, {4} held out).</source>
        <translation>Das neue Entitätsmodell erreicht auf zurückgehaltenen Dokumenten ein F1 von {0} gegenüber {1} für {2}, das weiter vorschlägt ({3} Dokumente trainiert, {4} zurückgehalten).</translation>
    </message>
</context>
<context>
    <name>EntityTrainingWorkflow</name>
    <message>
        <source>Train &amp;entity model now</source>
        <translation>&amp;Entitätenmodell jetzt trainieren</translation>
    </message>
    <message>
        <source>Stop entity model training</source>
        <translation>Training des Entitätsmodells abbrechen</translation>
    </message>
    <message>
        <source>Train entity model</source>
        <translation>Entitätenmodell trainieren</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Das Modell wird geladen…</translation>
    </message>
    <message>
        <source>Training: step {0} of {1}</source>
        <translation>Training: Schritt {0} von {1}</translation>
    </message>
    <message>
        <source>Entity model</source>
        <translation>Entitätenmodell</translation>
    </message>
    <message>
        <source>Cannot train the entity model</source>
        <translation>Das Entitätenmodell kann nicht trainiert werden</translation>
    </message>
</context>
<context>
    <name>EntityWorkflow</name>
    <message>
        <source>No open suggestions in this document.</source>
        <translation>Keine offenen Vorschläge in diesem Dokument.</translation>
    </message>
    <message>
        <source>Accept {0} “{1}”</source>
        <translation>{0} „{1}“ annehmen</translation>
    </message>
    <message>
        <source>“{0}” is rejected already.</source>
        <translation>„{0}“ ist bereits abgelehnt.</translation>
    </message>
    <message>
        <source>Delete {0} “{1}”</source>
        <translation>{0} „{1}“ löschen</translation>
    </message>
    <message>
        <source>Reject {0} “{1}”</source>
        <translation>{0} „{1}“ ablehnen</translation>
    </message>
    <message>
        <source>Select some text or focus a span first.</source>
        <translation>Markieren Sie zuerst Text oder fokussieren Sie einen Span.</translation>
    </message>
    <message>
        <source>Label “{0}” as {1}</source>
        <translation>„{0}“ als {1} labeln</translation>
    </message>
    <message>
        <source>The selection holds no word to label.</source>
        <translation>Die Markierung enthält kein Wort zum Labeln.</translation>
    </message>
    <message>
        <source>Add {0} “{1}”</source>
        <translation>{0} „{1}“ hinzufügen</translation>
    </message>
    <message>
        <source>{0} “{1}” replaces 1 overlapping suggestion (Ctrl+Z brings it back).</source>
        <translation>{0} „{1}“ ersetzt einen überlappenden Vorschlag (Strg+Z holt ihn zurück).</translation>
    </message>
    <message>
        <source>{0} “{1}” replaces {2} overlapping suggestions (Ctrl+Z brings them back).</source>
        <translation>{0} „{1}“ ersetzt {2} überlappende Vorschläge (Strg+Z holt sie zurück).</translation>
    </message>
    <message>
        <source>“{0}” cannot change that way.</source>
        <translation>„{0}“ lässt sich so nicht ändern.</translation>
    </message>
    <message>
        <source>Resize {0} to “{1}”</source>
        <translation>{0} auf „{1}“ ändern</translation>
    </message>
    <message numerus="yes">
        <source>Accept all %n entity suggestion(s)</source>
        <translation>
            <numerusform>%n Entitätenvorschlag annehmen</numerusform>
            <numerusform>Alle %n Entitätenvorschläge annehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n suggestion(s).</source>
        <translation>
            <numerusform>%n Vorschlag angenommen.</numerusform>
            <numerusform>%n Vorschläge angenommen.</numerusform>
        </translation>
    </message>
    <message>
        <source>No open suggestions left in this document.</source>
        <translation>Keine offenen Vorschläge mehr in diesem Dokument.</translation>
    </message>
    <message>
        <source>The project memory could not update other documents: {0}</source>
        <translation>Das Projektgedächtnis konnte andere Dokumente nicht aktualisieren: {0}</translation>
    </message>
    <message>
        <source>Not done: {0}</source>
        <translation>Nicht ausgeführt: {0}</translation>
    </message>
</context>
<context>
    <name>Explanations</name>
    <message>
        <source>(negated)</source>
        <translation>(verneint)</translation>
    </message>
    <message>
        <source>{0} speaks here; not judged</source>
        <translation>{0} spricht hier selbst; nicht bewertet</translation>
    </message>
    <message>
        <source>no cue words</source>
        <translation>keine Signalwörter</translation>
    </message>
    <message>
        <source>cues cancel out: {0}</source>
        <translation>Signalwörter heben sich auf: {0}</translation>
    </message>
    <message>
        <source>cues: {0}</source>
        <translation>Signalwörter: {0}</translation>
    </message>
    <message>
        <source>too little evidence: {0}</source>
        <translation>zu wenig Anhaltspunkte: {0}</translation>
    </message>
    <message>
        <source>cues judge something else: {0}</source>
        <translation>die Signalwörter beurteilen etwas anderes: {0}</translation>
    </message>
    <message>
        <source>model {0}</source>
        <translation>Modell {0}</translation>
    </message>
    <message>
        <source>; holder: the author</source>
        <translation>; Träger: der Autor</translation>
    </message>
    <message>
        <source>reported speech</source>
        <translation>indirekte Rede</translation>
    </message>
    <message>
        <source>attribution</source>
        <translation>Zuschreibung</translation>
    </message>
    <message>
        <source>quote</source>
        <translation>Zitat</translation>
    </message>
    <message>
        <source>subject of the verb</source>
        <translation>Subjekt des Verbs</translation>
    </message>
    <message>
        <source>continues the sentence before</source>
        <translation>setzt den Satz davor fort</translation>
    </message>
    <message>
        <source>pronoun</source>
        <translation>Pronomen</translation>
    </message>
    <message>
        <source>; holder: {0}, {1}</source>
        <translation>; Träger: {0}, {1}</translation>
    </message>
    <message>
        <source>No English model is installed, so English documents get suggestions from the pattern files only. To add one, run `python -m spacy download en_core_web_sm` in the app&apos;s environment on a connected machine.</source>
        <translation>Es ist kein englisches Modell installiert, daher erhalten englische Dokumente nur Vorschläge aus den Musterdateien. Um eines hinzuzufügen, führen Sie `python -m spacy download en_core_web_sm` in der Umgebung der App auf einem Rechner mit Internetverbindung aus.</translation>
    </message>
    <message>
        <source>No model is installed for the language “{0}”, so its documents get suggestions from the pattern files only.</source>
        <translation>Für die Sprache „{0}“ ist kein Modell installiert, daher erhalten ihre Dokumente nur Vorschläge aus den Musterdateien.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel-Arbeitsmappe (.xlsx)</translation>
    </message>
    <message>
        <source>JSONL for Prodigy and doccano</source>
        <translation>JSONL für Prodigy und doccano</translation>
    </message>
    <message>
        <source>spaCy training data (.spacy)</source>
        <translation>spaCy-Trainingsdaten (.spacy)</translation>
    </message>
    <message>
        <source>CoNLL IOB (.conll)</source>
        <translation>CoNLL IOB (.conll)</translation>
    </message>
    <message>
        <source>CSV tables (.csv)</source>
        <translation>CSV-Tabellen (.csv)</translation>
    </message>
    <message>
        <source>Every annotator</source>
        <translation>Alle Annotierenden</translation>
    </message>
    <message>
        <source>Gold version (reviewed)</source>
        <translation>Gold-Fassung (geprüft)</translation>
    </message>
    <message>
        <source>Accepted and edited labels</source>
        <translation>Angenommene und bearbeitete Labels</translation>
    </message>
    <message>
        <source>Everything, suggestions and rejections too</source>
        <translation>Alles, auch Vorschläge und Ablehnungen</translation>
    </message>
    <message>
        <source>Also suggestions &amp;hidden below {0} % confidence</source>
        <translation>Auch aus&amp;geblendete Vorschläge unter {0} % Konfidenz</translation>
    </message>
    <message>
        <source>Annotators never saw these; they are left out unless you ask for them</source>
        <translation>Annotierende haben sie nie gesehen; sie werden nur auf Wunsch exportiert</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>Alle Dokumente</translation>
    </message>
    <message>
        <source>Documents marked done</source>
        <translation>Als erledigt markierte Dokumente</translation>
    </message>
    <message>
        <source>The share of documents for a dev set (0: no split)</source>
        <translation>Der Anteil der Dokumente für ein Dev-Set (0: keine Aufteilung)</translation>
    </message>
    <message>
        <source>Also doccano&apos;s label: [[start, end, label]]</source>
        <translation>Auch doccanos label: [[start, end, label]]</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Labels of:</source>
        <translation>&amp;Labels von:</translation>
    </message>
    <message>
        <source>&amp;Which labels:</source>
        <translation>&amp;Welche Labels:</translation>
    </message>
    <message>
        <source>&amp;Documents:</source>
        <translation>&amp;Dokumente:</translation>
    </message>
    <message>
        <source>Dev &amp;share:</source>
        <translation>Dev-&amp;Anteil:</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;eed:</translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation>&amp;Speichern unter:</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
</context>
<context>
    <name>ExportWorkflow</name>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Export läuft…</translation>
    </message>
    <message>
        <source>Exported {0} of {1} documents</source>
        <translation>{0} von {1} Dokumenten exportiert</translation>
    </message>
    <message>
        <source>The export was cancelled; nothing was written.</source>
        <translation>Der Export wurde abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Exported {0} documents, {1} entities and {2} stance rows.</source>
        <translation>{0} Dokumente, {1} Entitäten und {2} Haltungszeilen exportiert.</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>Export nicht möglich</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in the article</source>
        <translation>Im Artikel suchen</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Vorheriger Treffer (Umschalt+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Nächster Treffer (F3)</translation>
    </message>
    <message>
        <source>Close (Escape)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Nächster Treffer</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Vorheriger Treffer</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Suchleiste schließen</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} von {1}</translation>
    </message>
    <message>
        <source>&amp;Find in article…</source>
        <translation>Im Artikel &amp;suchen…</translation>
    </message>
    <message>
        <source>Find &amp;next</source>
        <translation>&amp;Weitersuchen</translation>
    </message>
    <message>
        <source>Find pre&amp;vious</source>
        <translation>&amp;Rückwärts suchen</translation>
    </message>
</context>
<context>
    <name>FlagDialog</name>
    <message>
        <source>Flag as unsure</source>
        <translation>Als unsicher markieren</translation>
    </message>
    <message>
        <source>Why are you unsure about “{0}”? The note goes into the export.</source>
        <translation>Was ist an „{0}“ unsicher? Die Notiz kommt mit in den Export.</translation>
    </message>
    <message>
        <source>e.g. is “Nord Stream” an ORG or a LOC?</source>
        <translation>z. B. ist „Nord Stream“ ORG oder LOC?</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>&amp;Flag</source>
        <translation>&amp;Markieren</translation>
    </message>
    <message>
        <source>Flag the document with this note (Ctrl+Return)</source>
        <translation>Dokument mit dieser Notiz markieren (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>&amp;Clear flag</source>
        <translation>Markierung &amp;aufheben</translation>
    </message>
</context>
<context>
    <name>FlagWorkflow</name>
    <message>
        <source>Flag as &amp;unsure…</source>
        <translation>Als &amp;unsicher markieren…</translation>
    </message>
    <message>
        <source>Flag the document as unsure, with a note</source>
        <translation>Das Dokument als unsicher markieren, mit einer Notiz</translation>
    </message>
    <message>
        <source>Clear unsure f&amp;lag</source>
        <translation>Unsicher-Markierung auf&amp;heben</translation>
    </message>
    <message>
        <source>Flag as unsure</source>
        <translation>Als unsicher markieren</translation>
    </message>
    <message>
        <source>Flagged as unsure: {0}</source>
        <translation>Als unsicher markiert: {0}</translation>
    </message>
    <message>
        <source>Flagged as unsure.</source>
        <translation>Als unsicher markiert.</translation>
    </message>
    <message>
        <source>Clear unsure flag</source>
        <translation>Unsicher-Markierung aufheben</translation>
    </message>
    <message>
        <source>The unsure flag is cleared.</source>
        <translation>Die Unsicher-Markierung ist aufgehoben.</translation>
    </message>
    <message>
        <source>Not done: {0}</source>
        <translation>Nicht ausgeführt: {0}</translation>
    </message>
</context>
<context>
    <name>HandoutDialog</name>
    <message>
        <source>Hand out to annotators</source>
        <translation>An Annotierende verteilen</translation>
    </message>
    <message>
        <source>anna, ben, carl</source>
        <translation>anna, ben, carl</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>The share of the documents every annotator gets, for agreement</source>
        <translation>Der Anteil der Dokumente, den alle Annotierenden bekommen (für die Übereinstimmung)</translation>
    </message>
    <message>
        <source>Which documents overlap; the same seed, the same</source>
        <translation>Welche Dokumente sich überschneiden; gleicher Startwert, gleiche Dokumente</translation>
    </message>
    <message>
        <source>&amp;Hand out</source>
        <translation>&amp;Verteilen</translation>
    </message>
    <message>
        <source>&amp;Annotators:</source>
        <translation>&amp;Annotierende:</translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation>Ziel&amp;ordner:</translation>
    </message>
    <message>
        <source>O&amp;verlap:</source>
        <translation>Über&amp;schneidung:</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>S&amp;tartwert:</translation>
    </message>
    <message>
        <source>Each annotator gets a project file &lt;folder&gt;/&lt;name&gt;.sqlite with their documents; it opens with that annotator preset. Handing out again writes only documents not handed out before.</source>
        <translation>Alle Annotierenden bekommen eine Projektdatei &lt;Ordner&gt;/&lt;Name&gt;.sqlite mit ihren Dokumenten; sie öffnet sich mit dieser Person als Annotator. Erneutes Verteilen schreibt nur Dokumente, die noch nicht verteilt wurden.</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Zielordner</translation>
    </message>
</context>
<context>
    <name>HandoutView</name>
    <message>
        <source>{0}&apos;s work — handed out from “{1}” – Standpunkt</source>
        <translation>Arbeit von {0} — verteilt aus „{1}“ – Standpunkt</translation>
    </message>
    <message>
        <source>This file was handed out to {0}: you work as {0} in it</source>
        <translation>Diese Datei wurde an {0} verteilt: Sie arbeiten darin als {0}</translation>
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
    <message>
        <source>(part of “{0}”)</source>
        <translation>(Teil von „{0}“)</translation>
    </message>
    <message>
        <source>project memory: {0}</source>
        <translation>Projektgedächtnis: {0}</translation>
    </message>
    <message>
        <source>accepted 1 time</source>
        <translation>1-mal angenommen</translation>
    </message>
    <message>
        <source>accepted {0} times</source>
        <translation>{0}-mal angenommen</translation>
    </message>
    <message>
        <source>in 1 document</source>
        <translation>in 1 Dokument</translation>
    </message>
    <message>
        <source>in {0} documents</source>
        <translation>in {0} Dokumenten</translation>
    </message>
    <message>
        <source>project memory: {0} {1}</source>
        <translation>Projektgedächtnis: {0} {1}</translation>
    </message>
    <message>
        <source>, rejected 1 time</source>
        <translation>, 1-mal abgelehnt</translation>
    </message>
    <message>
        <source>, rejected {0} times</source>
        <translation>, {0}-mal abgelehnt</translation>
    </message>
</context>
<context>
    <name>Holder</name>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Holder: {0}</source>
        <translation>Träger: {0}</translation>
    </message>
    <message>
        <source>Named in the text as {0}</source>
        <translation>Im Text genannt als {0}</translation>
    </message>
    <message>
        <source>Evidence: {0}</source>
        <translation>Beleg: {0}</translation>
    </message>
</context>
<context>
    <name>HolderPicker</name>
    <message>
        <source>Stance holder</source>
        <translation>Träger der Haltung</translation>
    </message>
    <message>
        <source>Named in the text: {0}</source>
        <translation>Im Text genannt: {0}</translation>
    </message>
    <message>
        <source>Selected text: {0}</source>
        <translation>Markierter Text: {0}</translation>
    </message>
    <message>
        <source>Type to filter actors</source>
        <translation>Tippen, um Akteure zu filtern</translation>
    </message>
    <message>
        <source>Enter: take · Esc: cancel · ↑/↓: choose</source>
        <translation>Enter: übernehmen · Esc: abbrechen · ↑/↓: wählen</translation>
    </message>
    <message>
        <source>&amp;Holder:</source>
        <translation>&amp;Träger:</translation>
    </message>
</context>
<context>
    <name>HolderWorkflow</name>
    <message>
        <source>Stance &amp;holder…</source>
        <translation>Träger der &amp;Haltung…</translation>
    </message>
    <message>
        <source>Selected text as stance holder</source>
        <translation>Markierten Text als Träger der Haltung</translation>
    </message>
    <message>
        <source>Selected text as stance evidence</source>
        <translation>Markierten Text als Beleg der Haltung</translation>
    </message>
    <message>
        <source>Stance held by the author</source>
        <translation>Haltung des Autors (kein Träger im Text)</translation>
    </message>
    <message>
        <source>Clear stance evidence</source>
        <translation>Beleg der Haltung entfernen</translation>
    </message>
    <message>
        <source>Cannot read the actors: {0}</source>
        <translation>Die Akteure können nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>Select a stance row first (F6 goes to the stance panel).</source>
        <translation>Wählen Sie zuerst eine Haltungszeile aus (F6 wechselt in den Haltungsbereich).</translation>
    </message>
    <message>
        <source>Select the words in the article first (Shift+arrow keys or the mouse).</source>
        <translation>Markieren Sie zuerst die Wörter im Artikel (Umschalt+Pfeiltasten oder die Maus).</translation>
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
        <source>Imported 1 document.</source>
        <translation>1 Dokument importiert.</translation>
    </message>
    <message>
        <source>Imported {0} documents.</source>
        <translation>{0} Dokumente importiert.</translation>
    </message>
    <message>
        <source>It includes 1 entity span.</source>
        <translation>Es enthält 1 Entitäts-Span.</translation>
    </message>
    <message>
        <source>They include {0} entity spans.</source>
        <translation>Sie enthalten {0} Entitäten-Spans.</translation>
    </message>
    <message>
        <source>1 stance label came with them.</source>
        <translation>Dazu kam 1 Haltungslabel.</translation>
    </message>
    <message>
        <source>{0} stance labels came with them.</source>
        <translation>Dazu kamen {0} Haltungslabels.</translation>
    </message>
    <message>
        <source>Labels were added to 1 document the project already had.</source>
        <translation>Zu 1 Dokument, das das Projekt schon hatte, kamen Labels hinzu.</translation>
    </message>
    <message>
        <source>Labels were added to {0} documents the project already had.</source>
        <translation>Zu {0} Dokumenten, die das Projekt schon hatte, kamen Labels hinzu.</translation>
    </message>
    <message>
        <source>Cancelled: what was imported stays.</source>
        <translation>Abgebrochen: Bereits Importiertes bleibt erhalten.</translation>
    </message>
    <message>
        <source>Duplicates skipped: {0}. With errors, skipped: {1}. Warnings: {2}. The details say where.</source>
        <translation>Duplikate übersprungen: {0}. Mit Fehlern übersprungen: {1}. Warnungen: {2}. Die Details sagen, wo.</translation>
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
    <name>ImportWorkflow</name>
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
    <name>LabelForm</name>
    <message>
        <source>The shortcut is one letter (or 0): the digits 1–9 choose the labels by their place in the list. Entity and stance labels may share a letter.</source>
        <translation>Das Tastenkürzel ist ein Buchstabe (oder 0): Die Ziffern 1–9 wählen die Labels nach ihrem Platz in der Liste. Entitäts- und Stance-Labels dürfen denselben Buchstaben haben.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>&amp;Farbe:</translation>
    </message>
    <message>
        <source>&amp;Shortcut:</source>
        <translation>&amp;Tastenkürzel:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Label colour</source>
        <translation>Farbe des Labels</translation>
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
    <name>LabelPanel</name>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Cannot read the labels</source>
        <translation>Die Labels können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Add label</source>
        <translation>Label hinzufügen</translation>
    </message>
    <message>
        <source>Edit label</source>
        <translation>Label bearbeiten</translation>
    </message>
    <message>
        <source>Cannot add the label</source>
        <translation>Das Label kann nicht hinzugefügt werden</translation>
    </message>
    <message>
        <source>“{0}” was not added: {1}</source>
        <translation>„{0}“ wurde nicht hinzugefügt: {1}</translation>
    </message>
    <message>
        <source>Added “{0}”.</source>
        <translation>„{0}“ hinzugefügt.</translation>
    </message>
    <message>
        <source>Cannot change the label</source>
        <translation>Das Label kann nicht geändert werden</translation>
    </message>
    <message>
        <source>“{0}” was not changed: {1}</source>
        <translation>„{0}“ wurde nicht geändert: {1}</translation>
    </message>
    <message>
        <source>Saved “{0}”.</source>
        <translation>„{0}“ gespeichert.</translation>
    </message>
    <message>
        <source>Cannot move the label</source>
        <translation>Das Label kann nicht verschoben werden</translation>
    </message>
    <message>
        <source>“{0}” was not moved: {1}</source>
        <translation>„{0}“ wurde nicht verschoben: {1}</translation>
    </message>
    <message>
        <source>Moved “{0}”.</source>
        <translation>„{0}“ verschoben.</translation>
    </message>
    <message>
        <source>Cannot remove the label</source>
        <translation>Das Label kann nicht entfernt werden</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) use the label “{0}”, suggestions included. A label is only removed while nothing uses it, so that no annotation loses its label.</source>
        <translation>
            <numerusform>%n Annotation verwendet das Label „{0}“ (Vorschläge mitgezählt). Ein Label wird nur entfernt, solange nichts es verwendet, damit keine Annotation ihr Label verliert.</numerusform>
            <numerusform>%n Annotationen verwenden das Label „{0}“ (Vorschläge mitgezählt). Ein Label wird nur entfernt, solange nichts es verwendet, damit keine Annotation ihr Label verliert.</numerusform>
        </translation>
    </message>
    <message>
        <source>“{0}” was not removed: {1}</source>
        <translation>„{0}“ wurde nicht entfernt: {1}</translation>
    </message>
    <message>
        <source>Removed “{0}”.</source>
        <translation>„{0}“ entfernt.</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>Label entfernen</translation>
    </message>
    <message>
        <source>Remove the label “{0}”?</source>
        <translation>Das Label „{0}“ entfernen?</translation>
    </message>
</context>
<context>
    <name>LabelSchemaDialog</name>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>&amp;Entity labels</source>
        <translation>&amp;Entitäts-Labels</translation>
    </message>
    <message>
        <source>S&amp;tance labels</source>
        <translation>S&amp;tance-Labels</translation>
    </message>
    <message>
        <source>Suggesters name the labels they suggest (PER, LOC, ORG, MISC; FAVOR, AGAINST, NEUTRAL): a renamed label gets no suggestions under its new name.</source>
        <translation>Die Vorschlagsgeber nennen die Labels beim Namen (PER, LOC, ORG, MISC; FAVOR, AGAINST, NEUTRAL): Ein umbenanntes Label bekommt unter seinem neuen Namen keine Vorschläge.</translation>
    </message>
</context>
<context>
    <name>LabelSchemaWorkflow</name>
    <message>
        <source>&amp;Labels…</source>
        <translation>&amp;Labels …</translation>
    </message>
</context>
<context>
    <name>LabelTableModel</name>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Verwendet</translation>
    </message>
</context>
<context>
    <name>LearningCurveTab</name>
    <message>
        <source>Co&amp;mpute learning curve</source>
        <translation>Lernkurve &amp;berechnen</translation>
    </message>
    <message>
        <source>Train one entity model on a quarter, a half, three quarters and all of the training documents and score each on the held-out ones. Nothing is saved.</source>
        <translation>Je ein Entitätsmodell auf einem Viertel, der Hälfte, drei Vierteln und allen Trainingsdokumenten trainieren und jedes auf den zurückgehaltenen Dokumenten bewerten. Nichts wird gespeichert.</translation>
    </message>
    <message>
        <source>Step %v of %m</source>
        <translation>Schritt %v von %m</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>Training one model per share of the training documents; this takes from seconds to minutes, depending on how many there are.</source>
        <translation>Für jeden Anteil der Trainingsdokumente wird ein Modell trainiert; das dauert je nach Anzahl Sekunden bis Minuten.</translation>
    </message>
    <message>
        <source>Stopping after the current training step…</source>
        <translation>Wird nach dem laufenden Trainingsschritt beendet…</translation>
    </message>
    <message>
        <source>The learning curve was cancelled.</source>
        <translation>Die Lernkurve wurde abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>Too few labelled documents for a learning curve: it needs at least %Ln documents with accepted entity spans, marked done, at least one of them held out for testing and one to train on.</source>
        <translation>
            <numerusform>Zu wenige annotierte Dokumente für eine Lernkurve: Sie braucht mindestens %Ln Dokument mit angenommenen Entitäten, als erledigt markiert, mindestens eines davon zum Testen zurückgehalten und eines zum Trainieren.</numerusform>
            <numerusform>Zu wenige annotierte Dokumente für eine Lernkurve: Sie braucht mindestens %Ln Dokumente mit angenommenen Entitäten, als erledigt markiert, mindestens eines davon zum Testen zurückgehalten und eines zum Trainieren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Learning curve computed at {0}; none of its models was kept.</source>
        <translation>Lernkurve berechnet um {0}; keines ihrer Modelle wurde behalten.</translation>
    </message>
    <message>
        <source>Cannot compute the learning curve: {0}</source>
        <translation>Die Lernkurve kann nicht berechnet werden: {0}</translation>
    </message>
    <message>
        <source>No entity model has been trained for this project yet: train one with Annotate › Train entity model now, or compute a learning curve to see what labelling more documents would bring.</source>
        <translation>Für dieses Projekt wurde noch kein Entitätsmodell trainiert: Trainieren Sie eines mit Annotieren › Entitätenmodell jetzt trainieren, oder berechnen Sie eine Lernkurve, um zu sehen, was mehr annotierte Dokumente bringen würden.</translation>
    </message>
    <message>
        <source>Trained models: held-out F1 of each entity model trained for the project, oldest to newest, against the documents it learnt from; in grey the model it started from, on the same held-out documents. The ringed one suggests now.</source>
        <translation>Trainierte Modelle: F1 jedes für das Projekt trainierten Entitätsmodells auf zurückgehaltenen Dokumenten, vom ältesten zum neuesten, über den Dokumenten, aus denen es gelernt hat; grau das Modell, von dem es ausging, auf denselben zurückgehaltenen Dokumenten. Das umkreiste schlägt jetzt vor.</translation>
    </message>
    <message>
        <source>No entity model has been trained for this project yet.</source>
        <translation>Für dieses Projekt wurde noch kein Entitätsmodell trainiert.</translation>
    </message>
    <message numerus="yes">
        <source>Learning curve: held-out F1 of models trained on growing shares of the {0} training documents, each scored on the same %Ln held-out document(s); dashed, the base model {1} they start from.</source>
        <translation>
            <numerusform>Lernkurve: F1 von Modellen, die auf wachsenden Anteilen der {0} Trainingsdokumente trainiert wurden, jedes auf demselben %Ln zurückgehaltenen Dokument bewertet; gestrichelt das Ausgangsmodell {1}.</numerusform>
            <numerusform>Lernkurve: F1 von Modellen, die auf wachsenden Anteilen der {0} Trainingsdokumente trainiert wurden, jedes auf denselben %Ln zurückgehaltenen Dokumenten bewertet; gestrichelt das Ausgangsmodell {1}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainToolbar</name>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Suggest all</source>
        <translation>Alle vorschlagen</translation>
    </message>
    <message>
        <source>Train stance</source>
        <translation>Haltung trainieren</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
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
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Suggest for all documents</source>
        <translation>Für alle Dokumente &amp;vorschlagen</translation>
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
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>A&amp;nnotieren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
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
        <source>Cannot suggest</source>
        <translation>Vorschlagen nicht möglich</translation>
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
    <name>MemoryEffects</name>
    <message>
        <source>1 suggestion withdrawn</source>
        <translation>1 Vorschlag zurückgezogen</translation>
    </message>
    <message>
        <source>{0} suggestions withdrawn</source>
        <translation>{0} Vorschläge zurückgezogen</translation>
    </message>
    <message>
        <source>1 more place</source>
        <translation>1 weiteren Stelle</translation>
    </message>
    <message>
        <source>{0} more places</source>
        <translation>{0} weiteren Stellen</translation>
    </message>
    <message>
        <source>in 1 document</source>
        <translation>in 1 Dokument</translation>
    </message>
    <message>
        <source>in {0} documents</source>
        <translation>in {0} Dokumenten</translation>
    </message>
    <message>
        <source>and 1 more name</source>
        <translation>und 1 weiterer Name</translation>
    </message>
    <message>
        <source>and {0} more names</source>
        <translation>und {0} weitere Namen</translation>
    </message>
    <message>
        <source>{0} is no longer suggested: {1} {2}</source>
        <translation>{0} wird nicht mehr vorgeschlagen: {1} {2}</translation>
    </message>
    <message>
        <source>{0} suggested in {1} {2}</source>
        <translation>{0} vorgeschlagen an {1} {2}</translation>
    </message>
</context>
<context>
    <name>MessageLogDialog</name>
    <message>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>Noch keine Meldungen.</translation>
    </message>
</context>
<context>
    <name>NetworkTab</name>
    <message>
        <source>&amp;Export as PNG…</source>
        <translation>Als PNG &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>Als PNG exportieren…</translation>
    </message>
    <message>
        <source>each label</source>
        <translation>jedes Label</translation>
    </message>
    <message>
        <source>once per document</source>
        <translation>einmal je Dokument</translation>
    </message>
    <message>
        <source>Ann&amp;otator:</source>
        <translation>Annotat&amp;or:</translation>
    </message>
    <message>
        <source>Tar&amp;get:</source>
        <translation>Zi&amp;el:</translation>
    </message>
    <message>
        <source>&amp;Count:</source>
        <translation>&amp;Zählung:</translation>
    </message>
    <message>
        <source>everybody</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>all targets</source>
        <translation>alle Ziele</translation>
    </message>
    <message>
        <source>No label of this annotator or target takes a side.</source>
        <translation>Kein Label dieser Annotatorin / dieses Ziels bezieht Position.</translation>
    </message>
    <message>
        <source>No stance label takes a side yet.</source>
        <translation>Noch kein Haltungslabel bezieht Position.</translation>
    </message>
    <message numerus="yes">
        <source>Who takes which side toward which target: actors and the article&apos;s author on the left, targets on the right; green FAVOR, red AGAINST, grey both; the wider the line, the more labels. %Ln label(s) accepted or edited, in {0} document(s); point at a line or a name for its counts.</source>
        <translation>
            <numerusform>Wer welche Position zu welchem Ziel bezieht: Akteure und die Autorin/der Autor des Artikels links, Ziele rechts; grün FAVOR, rot AGAINST, grau beides; je breiter die Linie, desto mehr Labels. %Ln Label angenommen oder bearbeitet, in {0} Dokument(en); auf eine Linie oder einen Namen zeigen für die Zahlen.</numerusform>
            <numerusform>Wer welche Position zu welchem Ziel bezieht: Akteure und die Autorin/der Autor des Artikels links, Ziele rechts; grün FAVOR, rot AGAINST, grau beides; je breiter die Linie, desto mehr Labels. %Ln Labels angenommen oder bearbeitet, in {0} Dokument(en); auf eine Linie oder einen Namen zeigen für die Zahlen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>both sides</source>
        <translation>beide Positionen</translation>
    </message>
    <message>
        <source>line width: number of labels</source>
        <translation>Linienbreite: Anzahl der Labels</translation>
    </message>
    <message numerus="yes">
        <source>%n label(s)</source>
        <translation>
            <numerusform>%n Label</numerusform>
            <numerusform>%n Labels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n document(s)</source>
        <translation>
            <numerusform>in %n Dokument</numerusform>
            <numerusform>in %n Dokumenten</numerusform>
        </translation>
    </message>
    <message>
        <source>FAVOR {0}, AGAINST {1}</source>
        <translation>FAVOR {0}, AGAINST {1}</translation>
    </message>
    <message>
        <source>other sides {0}</source>
        <translation>andere Positionen {0}</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotator</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Your labels are stored under this name.</source>
        <translation>Ihre Labels werden unter diesem Namen gespeichert.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Used from the next start of Standpunkt.</source>
        <translation>Gilt ab dem nächsten Start von Standpunkt.</translation>
    </message>
    <message>
        <source>&amp;Colour theme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>Article &amp;text size:</source>
        <translation>&amp;Textgröße der Artikel:</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>&amp;Show suggestions from confidence:</source>
        <translation>Vorschläge &amp;zeigen ab Konfidenz:</translation>
    </message>
    <message>
        <source>Less confident suggestions are not highlighted.</source>
        <translation>Weniger sichere Vorschläge werden nicht hervorgehoben.</translation>
    </message>
    <message>
        <source>&amp;Retrain stance after new labels:</source>
        <translation>Stance &amp;neu trainieren nach neuen Labels:</translation>
    </message>
    <message>
        <source>The stance classifier learns again after this many new labels.</source>
        <translation>Der Stance-Klassifikator lernt nach so vielen neuen Labels erneut.</translation>
    </message>
    <message>
        <source>Retrain &amp;entities after done documents:</source>
        <translation>&amp;Entitäten neu trainieren nach erledigten Dokumenten:</translation>
    </message>
    <message>
        <source>The entity model learns again after this many documents were marked done; it takes over only if it scores better on held-out documents.</source>
        <translation>Das Entitätsmodell lernt neu, nachdem so viele Dokumente als erledigt markiert wurden; es übernimmt nur, wenn es auf zurückgehaltenen Dokumenten besser abschneidet.</translation>
    </message>
</context>
<context>
    <name>PreferencesWorkflow</name>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>The new language is used from the next start of Standpunkt.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Standpunkt.</translation>
    </message>
</context>
<context>
    <name>ProjectOpener</name>
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
        <source>Choose a project with File &gt; Open project…</source>
        <translation>Wählen Sie ein Projekt mit Datei &gt; Projekt öffnen …</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>ProjectStatusBar</name>
    <message>
        <source>&amp;Messages…</source>
        <translation>&amp;Meldungen…</translation>
    </message>
    <message>
        <source>Every message of this session, in full</source>
        <translation>Alle Meldungen dieser Sitzung, vollständig</translation>
    </message>
    <message>
        <source>Model: {0} (held-out F1 {1})</source>
        <translation>Modell: {0} (F1 auf zurückgehaltenen Dokumenten {1})</translation>
    </message>
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
        <source>Stance: {0} (held-out macro-F1 {1})</source>
        <translation>Haltung: {0} (Makro-F1 auf Testdaten {1})</translation>
    </message>
    <message>
        <source>Training entity model… {0}%</source>
        <translation>Entitätsmodell wird trainiert… {0} %</translation>
    </message>
    <message>
        <source>Training stance classifier… {0}%</source>
        <translation>Haltungsklassifikator wird trainiert… {0} %</translation>
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
    <name>ProjectWatch</name>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>Read the document list and its counts again (keeps the undo history)</source>
        <translation>Dokumentliste und Zählungen neu lesen (der Rückgängig-Verlauf bleibt)</translation>
    </message>
    <message>
        <source>Reloaded the document list.</source>
        <translation>Dokumentliste neu geladen.</translation>
    </message>
    <message>
        <source>1 document added by another program</source>
        <translation>1 Dokument von einem anderen Programm hinzugefügt</translation>
    </message>
    <message>
        <source>{0} documents added by another program</source>
        <translation>{0} Dokumente von einem anderen Programm hinzugefügt</translation>
    </message>
</context>
<context>
    <name>ProjectWorkflow</name>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Neues Projekt …</translation>
    </message>
    <message>
        <source>Change &amp;annotator…</source>
        <translation>&amp;Annotator wechseln …</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Clear list</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>This file is {0}&apos;s work and stays so; {1} applies to other projects.</source>
        <translation>Diese Datei ist die Arbeit von {0} und bleibt es; {1} gilt für andere Projekte.</translation>
    </message>
    <message>
        <source>{0} exists already.</source>
        <translation>{0} gibt es schon.</translation>
    </message>
    <message>
        <source>Choose another name, or open it with File &gt; Open project…</source>
        <translation>Wählen Sie einen anderen Namen, oder öffnen Sie es mit Datei &gt; Projekt öffnen …</translation>
    </message>
    <message>
        <source>Cannot create the project</source>
        <translation>Das Projekt kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Project.sqlite</source>
        <translation>Projekt.sqlite</translation>
    </message>
    <message>
        <source>Standpunkt projects (*.sqlite)</source>
        <translation>Standpunkt-Projekte (*.sqlite)</translation>
    </message>
    <message>
        <source>Add the sample articles to the new project? They show how entity and stance suggestions look before you import your own articles.</source>
        <translation>Die Beispielartikel in das neue Projekt aufnehmen? Sie zeigen, wie Entitäts- und Stance-Vorschläge aussehen, bevor Sie Ihre eigenen Artikel importieren.</translation>
    </message>
    <message>
        <source>{0} (not found)</source>
        <translation>{0} (nicht gefunden)</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Keine zuletzt geöffneten Projekte</translation>
    </message>
    <message>
        <source>{0} was not found. It is taken off the list of recent projects.</source>
        <translation>{0} wurde nicht gefunden. Es wird aus der Liste der zuletzt geöffneten Projekte genommen.</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>ProposalModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Occurrences</source>
        <translation>Vorkommen</translation>
    </message>
</context>
<context>
    <name>ProposalPanel</name>
    <message>
        <source>Add checked</source>
        <translation>Ausgewählte hinzufügen</translation>
    </message>
    <message>
        <source>No proposals.</source>
        <translation>Keine Vorschläge.</translation>
    </message>
</context>
<context>
    <name>ReplayChart</name>
    <message>
        <source>entities without suggestions</source>
        <translation>Entitäten ohne Vorschläge</translation>
    </message>
    <message>
        <source>corrections per gold entity</source>
        <translation>Korrekturen je Gold-Entität</translation>
    </message>
    <message>
        <source>corrections per stance pair</source>
        <translation>Korrekturen je Haltungspaar</translation>
    </message>
    <message>
        <source>new entity model from here</source>
        <translation>neues Entitätsmodell ab hier</translation>
    </message>
    <message>
        <source>new stance model from here</source>
        <translation>neues Haltungsmodell ab hier</translation>
    </message>
    <message>
        <source>Documents done (end of each block)</source>
        <translation>Erledigte Dokumente (Ende jedes Blocks)</translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation>Korrekturen</translation>
    </message>
    <message>
        <source>Replay: corrections per document</source>
        <translation>Replay: Korrekturen je Dokument</translation>
    </message>
    <message>
        <source>Replay: corrections per block of {0} documents</source>
        <translation>Replay: Korrekturen je Block von {0} Dokumenten</translation>
    </message>
</context>
<context>
    <name>ReplayTab</name>
    <message>
        <source>This project has not been replayed yet: run python main.py replay --gold FILE.jsonl --project {0} to see how many corrections the suggestions would have saved on labelled data.</source>
        <translation>Dieses Projekt wurde noch nicht nachgespielt: Führen Sie python main.py replay --gold DATEI.jsonl --project {0} aus, um zu sehen, wie viele Korrekturen die Vorschläge auf gelabelten Daten erspart hätten.</translation>
    </message>
    <message>
        <source>Cannot read the replay&apos;s figures: {0}</source>
        <translation>Die Zahlen des Replays lassen sich nicht lesen: {0}</translation>
    </message>
    <message>
        <source>The corrections an annotator would have made on the replayed file, block by block, taking the documents in the file&apos;s order with the suggestions of that moment.</source>
        <translation>Die Korrekturen, die eine annotierende Person an der nachgespielten Datei vorgenommen hätte, Block für Block, in der Reihenfolge der Datei und mit den Vorschlägen des jeweiligen Moments.</translation>
    </message>
    <message>
        <source>Per gold entity, rejections, relabellings, resizings and additions count; without suggestions each gold entity costs one addition (the dashed line).</source>
        <translation>Je Gold-Entität zählen Ablehnungen, Umlabelungen, Grenzkorrekturen und Ergänzungen; ohne Vorschläge kostet jede Gold-Entität eine Ergänzung (die gestrichelte Linie).</translation>
    </message>
    <message>
        <source>Per stance pair, the pairs whose suggested label differs from the gold count.</source>
        <translation>Je Haltungspaar zählen die Paare, deren vorgeschlagenes Label vom Gold abweicht.</translation>
    </message>
    <message>
        <source>A dotted line marks where a newly trained model took over.</source>
        <translation>Eine gepunktete Linie zeigt, wo ein neu trainiertes Modell übernommen hat.</translation>
    </message>
    <message>
        <source>Corrections per gold entity</source>
        <translation>Korrekturen je Gold-Entität</translation>
    </message>
    <message>
        <source>Entity models</source>
        <translation>Entitätsmodelle</translation>
    </message>
    <message>
        <source>Corrections per stance pair</source>
        <translation>Korrekturen je Haltungspaar</translation>
    </message>
    <message>
        <source>Stance suggesters</source>
        <translation>Haltungs-Vorschlagsgeber</translation>
    </message>
    <message>
        <source>Documents replayed: {0}, in {1}; from {2}.</source>
        <translation>Nachgespielte Dokumente: {0}, in {1}; aus {2}.</translation>
    </message>
    <message>
        <source>an unnamed file</source>
        <translation>einer unbenannten Datei</translation>
    </message>
    <message>
        <source>{0}: {1} in documents {2}–{3}.</source>
        <translation>{0}: {1} in den Dokumenten {2}–{3}.</translation>
    </message>
    <message>
        <source>{0}: {1} in the first block (documents {2}–{3}), {4} in the last ({5}–{6}).</source>
        <translation>{0}: {1} im ersten Block (Dokumente {2}–{3}), {4} im letzten ({5}–{6}).</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>{0}: {1}; trainings run: {2}.</source>
        <translation>{0}: {1}; Trainingsläufe: {2}.</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <source>{0} min {1} s</source>
        <translation>{0} min {1} s</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Looking for backups…</source>
        <translation>Sicherungen werden gesucht …</translation>
    </message>
    <message>
        <source>Project file:</source>
        <translation>Projektdatei:</translation>
    </message>
    <message>
        <source>Backups folder:</source>
        <translation>Sicherungsordner:</translation>
    </message>
    <message>
        <source>Restoring makes the chosen backup the project file again. The file as it is now is not deleted: it is kept in the backups folder.</source>
        <translation>Beim Wiederherstellen wird die gewählte Sicherung wieder zur Projektdatei. Die Datei, wie sie jetzt ist, wird nicht gelöscht: Sie bleibt im Sicherungsordner erhalten.</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen …</translation>
    </message>
    <message>
        <source>There are no backups of this project.</source>
        <translation>Von diesem Projekt gibt es keine Sicherungen.</translation>
    </message>
    <message>
        <source>Checking the backups: {0} of {1} done…</source>
        <translation>Sicherungen werden geprüft: {0} von {1} fertig …</translation>
    </message>
    <message>
        <source>The backup passed its check.</source>
        <translation>Die Sicherung hat die Prüfung bestanden.</translation>
    </message>
    <message>
        <source>All {0} backups passed their check.</source>
        <translation>Alle {0} Sicherungen haben die Prüfung bestanden.</translation>
    </message>
    <message>
        <source>{0} of {1} backups passed their check.</source>
        <translation>{0} von {1} Sicherungen haben die Prüfung bestanden.</translation>
    </message>
    <message>
        <source>Every backup is damaged: none can be restored.</source>
        <translation>Alle Sicherungen sind beschädigt: Keine kann wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>Cannot list the backups: {0}</source>
        <translation>Die Sicherungen können nicht aufgelistet werden: {0}</translation>
    </message>
    <message>
        <source>Choose the backup to restore.</source>
        <translation>Wählen Sie die Sicherung, die wiederhergestellt werden soll.</translation>
    </message>
    <message>
        <source>This backup is still being checked.</source>
        <translation>Diese Sicherung wird noch geprüft.</translation>
    </message>
    <message>
        <source>This file holds no Standpunkt project and cannot be restored.</source>
        <translation>Diese Datei enthält kein Standpunkt-Projekt und kann nicht wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>This backup is damaged and cannot be restored.</source>
        <translation>Diese Sicherung ist beschädigt und kann nicht wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>Another task is running; restoring waits until it has ended.</source>
        <translation>Eine andere Aufgabe läuft; Wiederherstellen ist erst möglich, wenn sie beendet ist.</translation>
    </message>
</context>
<context>
    <name>RestoreProgress</name>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
</context>
<context>
    <name>RestoreWorkflow</name>
    <message>
        <source>Restore from &amp;backup…</source>
        <translation>Aus Sicherung &amp;wiederherstellen …</translation>
    </message>
    <message>
        <source>Only project files have backups here; a project on a database server is backed up by its server.</source>
        <translation>Sicherungen gibt es hier nur für Projektdateien; ein Projekt auf einem Datenbankserver wird von seinem Server gesichert.</translation>
    </message>
    <message>
        <source>Replace the project file with one of its backups</source>
        <translation>Die Projektdatei durch eine ihrer Sicherungen ersetzen</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Standpunkt projects (*.sqlite);;All files (*)</source>
        <translation>Standpunkt-Projekte (*.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>{0} is damaged and was not opened. It was left as it is.</source>
        <translation>{0} ist beschädigt und wurde nicht geöffnet. Die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>The newest good backup was taken {0}: {1}.</source>
        <translation>Die neueste intakte Sicherung wurde am {0} erstellt: {1}.</translation>
    </message>
    <message>
        <source>Restore the backup taken {0} ({1})?</source>
        <translation>Die Sicherung vom {0} ({1}) wiederherstellen?</translation>
    </message>
    <message>
        <source>The project is closed and {0} is replaced by the backup.</source>
        <translation>Das Projekt wird geschlossen und {0} durch die Sicherung ersetzt.</translation>
    </message>
    <message>
        <source>{0} is replaced by the backup.</source>
        <translation>{0} wird durch die Sicherung ersetzt.</translation>
    </message>
    <message>
        <source>The file as it is now is not deleted: it is kept in the backups folder.</source>
        <translation>Die Datei, wie sie jetzt ist, wird nicht gelöscht: Sie bleibt im Sicherungsordner erhalten.</translation>
    </message>
    <message>
        <source>Restored {0} from the backup taken {1}; the file it replaced is kept in the backups folder.</source>
        <translation>{0} wurde aus der Sicherung vom {1} wiederhergestellt; die ersetzte Datei bleibt im Sicherungsordner erhalten.</translation>
    </message>
    <message>
        <source>Restore from backup… shows the backups and makes the one you choose the project again; the damaged file is kept in the backups folder.</source>
        <translation>„Aus Sicherung wiederherstellen …“ zeigt die Sicherungen und macht die gewählte wieder zum Projekt; die beschädigte Datei bleibt im Sicherungsordner erhalten.</translation>
    </message>
    <message>
        <source>No good backup was found in {0}.</source>
        <translation>In {0} wurde keine intakte Sicherung gefunden.</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>Aus Sicherung &amp;wiederherstellen …</translation>
    </message>
    <message>
        <source>Checking the backup and restoring {0}…</source>
        <translation>Die Sicherung wird geprüft und {0} wiederhergestellt …</translation>
    </message>
    <message>
        <source>Restoring {0}…</source>
        <translation>{0} wird wiederhergestellt …</translation>
    </message>
    <message>
        <source>The project file was not replaced.</source>
        <translation>Die Projektdatei wurde nicht ersetzt.</translation>
    </message>
    <message>
        <source>The project file as it was is kept in {0}.</source>
        <translation>Die bisherige Projektdatei liegt in {0}.</translation>
    </message>
    <message>
        <source>Cannot restore the backup</source>
        <translation>Die Sicherung kann nicht wiederhergestellt werden</translation>
    </message>
    <message>
        <source>Restored {0} from the backup taken {1}.</source>
        <translation>{0} wurde aus der Sicherung vom {1} wiederhergestellt.</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Entities</source>
        <translation>Entitäten</translation>
    </message>
    <message>
        <source>Stance</source>
        <translation>Haltung</translation>
    </message>
    <message>
        <source>&amp;Only differences</source>
        <translation>&amp;Nur Unterschiede</translation>
    </message>
    <message>
        <source>Hide the places where all annotators gave the same label</source>
        <translation>Stellen ausblenden, an denen alle Annotierenden dasselbe Label vergeben haben</translation>
    </message>
    <message>
        <source>Enter: take the selected annotator&apos;s label and holder (else the majority&apos;s) · label key: set gold · Delete: remove from gold · Ctrl+Z: undo · Ctrl+Shift+Z: redo</source>
        <translation>Enter: Label und Träger der gewählten Person übernehmen (sonst die der Mehrheit) · Label-Taste: Gold setzen · Entf: aus Gold entfernen · Strg+Z: rückgängig · Strg+Umschalt+Z: wiederholen</translation>
    </message>
    <message>
        <source>&amp;Accept all agreed</source>
        <translation>Alle &amp;übereinstimmenden annehmen</translation>
    </message>
    <message>
        <source>Copy every label all annotators agree on into gold ({0})</source>
        <translation>Jedes Label, bei dem alle Annotierenden übereinstimmen, in Gold übernehmen ({0})</translation>
    </message>
    <message>
        <source>Take into gold</source>
        <translation>In Gold übernehmen</translation>
    </message>
    <message>
        <source>Remove from gold</source>
        <translation>Aus Gold entfernen</translation>
    </message>
    <message>
        <source>Accept all agreed</source>
        <translation>Alle übereinstimmenden annehmen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Gold: {0}</source>
        <translation>Gold: {0}</translation>
    </message>
    <message>
        <source>Review – no document</source>
        <translation>Review – kein Dokument</translation>
    </message>
    <message>
        <source>Show a document to review it.</source>
        <translation>Zeigen Sie ein Dokument an, um es zu prüfen.</translation>
    </message>
    <message>
        <source>Cannot read the document: {0}</source>
        <translation>Das Dokument kann nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>Review – {0} – {1}</source>
        <translation>Review – {0} – {1}</translation>
    </message>
    <message>
        <source>{0} annotators · {1} entity places · {2} stance labels · {3} to decide</source>
        <translation>{0} Annotierende · {1} Entitätsstellen · {2} Haltungslabels · {3} zu entscheiden</translation>
    </message>
    <message>
        <source>Entities ({0})</source>
        <translation>Entitäten ({0})</translation>
    </message>
    <message>
        <source>Stance ({0})</source>
        <translation>Haltung ({0})</translation>
    </message>
    <message>
        <source>Nobody has a single label here: press a label key.</source>
        <translation>Hier hat niemand ein Label: Drücken Sie eine Label-Taste.</translation>
    </message>
    <message>
        <source>Nothing to undo in this review.</source>
        <translation>In diesem Review gibt es nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <source>Nothing to redo in this review.</source>
        <translation>In diesem Review gibt es nichts zu wiederholen.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>A review decision was undone or redone: the gold version changed.</source>
        <translation>Eine Prüfentscheidung wurde rückgängig gemacht oder wiederholt: Die Gold-Fassung hat sich geändert.</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>Nicht gespeichert: {0}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <source>Gold</source>
        <translation>Gold</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>Satz</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Übereinstimmung</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>The reviewed version, stored apart from everybody&apos;s own labels</source>
        <translation>Die geprüfte Fassung, getrennt von den eigenen Labels aller gespeichert</translation>
    </message>
    <message>
        <source>≠ holder differs</source>
        <translation>≠ Träger verschieden</translation>
    </message>
    <message>
        <source>✓ agree</source>
        <translation>✓ einig</translation>
    </message>
    <message>
        <source>≠ differs</source>
        <translation>≠ verschieden</translation>
    </message>
    <message>
        <source>◐ only some</source>
        <translation>◐ nur einige</translation>
    </message>
    <message>
        <source>✗ removed</source>
        <translation>✗ entfernt</translation>
    </message>
    <message>
        <source>not reviewed</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>Annotators gave the same label but name different holders.</source>
        <translation>Die Annotierenden haben dasselbe Label vergeben, aber verschiedene Träger genannt.</translation>
    </message>
    <message>
        <source>All annotators gave the same label.</source>
        <translation>Alle Annotierenden haben dasselbe Label vergeben.</translation>
    </message>
    <message>
        <source>Annotators gave different labels.</source>
        <translation>Die Annotierenden haben verschiedene Labels vergeben.</translation>
    </message>
    <message>
        <source>Only some annotators have a label here.</source>
        <translation>Nur einige Annotierende haben hier ein Label.</translation>
    </message>
    <message>
        <source>Gold: {0}</source>
        <translation>Gold: {0}</translation>
    </message>
    <message>
        <source>Removed from gold</source>
        <translation>Aus Gold entfernt</translation>
    </message>
    <message>
        <source>Not reviewed yet: Enter takes the majority&apos;s label</source>
        <translation>Noch nicht geprüft: Enter übernimmt das Label der Mehrheit</translation>
    </message>
    <message>
        <source>{0} has no label here</source>
        <translation>{0} hat hier kein Label</translation>
    </message>
    <message>
        <source>{0}: {1} (Enter takes it into gold)</source>
        <translation>{0}: {1} (Enter übernimmt es in Gold)</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>Enter takes this label, holder and evidence into gold</source>
        <translation>Enter übernimmt dieses Label mit Träger und Beleg in Gold</translation>
    </message>
</context>
<context>
    <name>ReviewWorkflow</name>
    <message>
        <source>&amp;Review document…</source>
        <translation>Dokument &amp;prüfen…</translation>
    </message>
    <message>
        <source>Compare the annotators&apos; labels of this document and store the gold version</source>
        <translation>Die Labels der Annotierenden in diesem Dokument vergleichen und die Gold-Fassung speichern</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Search actions or keys</source>
        <translation>Aktionen oder Tasten suchen</translation>
    </message>
    <message>
        <source>Search shortcuts</source>
        <translation>Tastenkürzel suchen</translation>
    </message>
    <message>
        <source>Show actions without a shortcut</source>
        <translation>Aktionen ohne Tastenkürzel zeigen</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Stance panel</source>
        <translation>Haltungsbereich</translation>
    </message>
    <message>
        <source>Article text</source>
        <translation>Artikeltext</translation>
    </message>
    <message>
        <source>Find bar</source>
        <translation>Suchleiste</translation>
    </message>
    <message>
        <source>Spans panel</source>
        <translation>Spans-Bereich</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>SpanListActions</name>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Annehmen</translation>
    </message>
    <message>
        <source>&amp;Reject or delete</source>
        <translation>Ablehnen oder lösc&amp;hen</translation>
    </message>
    <message>
        <source>&amp;Go to in the text</source>
        <translation>Im Text an&amp;zeigen</translation>
    </message>
    <message>
        <source>Rela&amp;bel as</source>
        <translation>Label änd&amp;ern in</translation>
    </message>
    <message>
        <source>Show &amp;hidden suggestions</source>
        <translation>A&amp;usgeblendete Vorschläge zeigen</translation>
    </message>
    <message>
        <source>List the suggestions the article hides for their low confidence too</source>
        <translation>Auch die Vorschläge auflisten, die der Artikel wegen geringer Konfidenz ausblendet</translation>
    </message>
</context>
<context>
    <name>SpanListModel</name>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Not highlighted in the article: its confidence is too low.</source>
        <translation>Im Artikel nicht hervorgehoben: seine Konfidenz ist zu gering.</translation>
    </message>
</context>
<context>
    <name>SpanListPanel</name>
    <message>
        <source>Filter…</source>
        <translation>Filtern…</translation>
    </message>
    <message>
        <source>Filter by text or label</source>
        <translation>Nach Text oder Label filtern</translation>
    </message>
    <message>
        <source>Filter spans</source>
        <translation>Spans filtern</translation>
    </message>
    <message>
        <source>Hide rejected</source>
        <translation>Abgelehnte ausblenden</translation>
    </message>
    <message>
        <source>Suggestions only</source>
        <translation>Nur Vorschläge</translation>
    </message>
    <message>
        <source>{0} spans</source>
        <translation>{0} Spans</translation>
    </message>
    <message>
        <source>{0} of {1} spans</source>
        <translation>{0} von {1} Spans</translation>
    </message>
    <message numerus="yes">
        <source>(%n hidden)</source>
        <translation>
            <numerusform>(%n ausgeblendet)</numerusform>
            <numerusform>(%n ausgeblendet)</numerusform>
        </translation>
    </message>
    <message>
        <source>View › Show hidden suggestions lists them too.</source>
        <translation>Ansicht › Ausgeblendete Vorschläge zeigen listet sie ebenfalls auf.</translation>
    </message>
</context>
<context>
    <name>SpansDock</name>
    <message>
        <source>Spans</source>
        <translation>Spans</translation>
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
    <name>StanceActions</name>
    <message>
        <source>Accept stance</source>
        <translation>Haltung annehmen</translation>
    </message>
    <message>
        <source>Reject stance</source>
        <translation>Haltung ablehnen</translation>
    </message>
    <message>
        <source>Set stance {0}</source>
        <translation>Haltung {0} setzen</translation>
    </message>
    <message>
        <source>Set stance holder</source>
        <translation>Träger der Haltung setzen</translation>
    </message>
    <message>
        <source>Set stance evidence</source>
        <translation>Beleg der Haltung setzen</translation>
    </message>
    <message>
        <source>Clear stance evidence</source>
        <translation>Beleg der Haltung entfernen</translation>
    </message>
    <message>
        <source>Accept all stance</source>
        <translation>Alle Haltungen annehmen</translation>
    </message>
    <message>
        <source>Stance of the document toward {0}</source>
        <translation>Haltung des Dokuments zu {0}</translation>
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
    <message>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Accept all</source>
        <translation>Alle annehmen</translation>
    </message>
    <message>
        <source>Holder…</source>
        <translation>Träger…</translation>
    </message>
</context>
<context>
    <name>StanceTableModel</name>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
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
        <source>Holder</source>
        <translation>Träger</translation>
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
    <name>StanceTraining</name>
    <message>
        <source>Training the stance classifier was cancelled.</source>
        <translation>Das Training des Haltungsklassifikators wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The new stance classifier takes over: held-out macro-F1 {0} against {1} for {2}.</source>
        <translation>Der neue Haltungsklassifikator übernimmt: Makro-F1 auf Testdaten {0} gegenüber {1} für {2}.</translation>
    </message>
    <message>
        <source>The new stance classifier is not better (held-out macro-F1 {0} against {1}): {2} keeps suggesting.</source>
        <translation>Der neue Haltungsklassifikator ist nicht besser (Makro-F1 auf Testdaten {0} gegenüber {1}): {2} schlägt weiter vor.</translation>
    </message>
</context>
<context>
    <name>StanceWorkflow</name>
    <message>
        <source>Stance &amp;targets…</source>
        <translation>Haltungs&amp;ziele…</translation>
    </message>
    <message>
        <source>Stance &amp;actors…</source>
        <translation>Akte&amp;ure…</translation>
    </message>
    <message>
        <source>&amp;Train stance classifier now</source>
        <translation>Haltungsklassifikator jetzt &amp;trainieren</translation>
    </message>
    <message>
        <source>Stop stance &amp;training</source>
        <translation>Haltungs&amp;training abbrechen</translation>
    </message>
    <message>
        <source>Switch between article and stance &amp;panel</source>
        <translation>Zwischen Artikel und Haltungs&amp;bereich wechseln</translation>
    </message>
    <message>
        <source>This document has no stance rows to review.</source>
        <translation>Dieses Dokument hat keine Haltungszeilen zu prüfen.</translation>
    </message>
    <message>
        <source>No stance panel: add stance targets first (Annotate › Stance targets…).</source>
        <translation>Kein Haltungsbereich: zuerst Haltungsziele anlegen (Annotieren › Haltungsziele…).</translation>
    </message>
    <message>
        <source>Not done: {0}</source>
        <translation>Nicht ausgeführt: {0}</translation>
    </message>
    <message>
        <source>Stance classifier</source>
        <translation>Haltungsklassifikator</translation>
    </message>
    <message>
        <source>Cannot train the stance classifier</source>
        <translation>Der Haltungsklassifikator kann nicht trainiert werden</translation>
    </message>
</context>
<context>
    <name>StatisticsCharts</name>
    <message>
        <source>Entity labels</source>
        <translation>Entitätslabels</translation>
    </message>
    <message>
        <source>Stance labels</source>
        <translation>Haltungslabels</translation>
    </message>
    <message>
        <source>Accepted, edited or added</source>
        <translation>Angenommen, bearbeitet oder hinzugefügt</translation>
    </message>
    <message>
        <source>Documents done</source>
        <translation>Erledigte Dokumente</translation>
    </message>
    <message>
        <source>≥ {0}</source>
        <translation>≥ {0}</translation>
    </message>
    <message>
        <source>Minutes spent on a document</source>
        <translation>Minuten pro Dokument</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message numerus="yes">
        <source>{0}: median {1} min, %Ln document(s)</source>
        <translation>
            <numerusform>{0}: Median {1} min, %Ln Dokument</numerusform>
            <numerusform>{0}: Median {1} min, %Ln Dokumente</numerusform>
        </translation>
    </message>
    <message>
        <source>Entity suggestions</source>
        <translation>Entitätsvorschläge</translation>
    </message>
    <message>
        <source>Stance suggestions</source>
        <translation>Haltungsvorschläge</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>accepted unchanged</source>
        <translation>unverändert angenommen</translation>
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
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>Gedächtnis</translation>
    </message>
    <message>
        <source>no decision yet, {0} open</source>
        <translation>noch keine Entscheidung, {0} offen</translation>
    </message>
    <message numerus="yes">
        <source>{0} unchanged of %Ln decision(s), {1} open</source>
        <translation>
            <numerusform>{0} unverändert von %Ln Entscheidung, {1} offen</numerusform>
            <numerusform>{0} unverändert von %Ln Entscheidungen, {1} offen</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} %</source>
        <translation>{0} %</translation>
    </message>
    <message>
        <source>span F1</source>
        <translation>Span-F1</translation>
    </message>
    <message>
        <source>token kappa</source>
        <translation>Token-Kappa</translation>
    </message>
    <message>
        <source>Entities, per label</source>
        <translation>Entitäten, je Label</translation>
    </message>
    <message>
        <source>Cohen&apos;s kappa</source>
        <translation>Cohens Kappa</translation>
    </message>
    <message>
        <source>Krippendorff&apos;s alpha</source>
        <translation>Krippendorffs Alpha</translation>
    </message>
    <message>
        <source>Stance, per target</source>
        <translation>Haltung, je Ziel</translation>
    </message>
    <message>
        <source>trained model</source>
        <translation>trainiertes Modell</translation>
    </message>
    <message>
        <source>model it started from</source>
        <translation>Ausgangsmodell</translation>
    </message>
    <message>
        <source>suggests now</source>
        <translation>schlägt jetzt vor</translation>
    </message>
    <message>
        <source>Trained models</source>
        <translation>Trainierte Modelle</translation>
    </message>
    <message>
        <source>Training documents</source>
        <translation>Trainingsdokumente</translation>
    </message>
    <message>
        <source>Held-out F1</source>
        <translation>F1 (zurückgehalten)</translation>
    </message>
    <message>
        <source>base model {0}: F1 {1}</source>
        <translation>Ausgangsmodell {0}: F1 {1}</translation>
    </message>
    <message>
        <source>fine-tuned model</source>
        <translation>nachtrainiertes Modell</translation>
    </message>
    <message>
        <source>Learning curve</source>
        <translation>Lernkurve</translation>
    </message>
    <message numerus="yes">
        <source>Held-out F1 (%Ln document(s))</source>
        <translation>
            <numerusform>F1 (%Ln zurückgehaltenes Dokument)</numerusform>
            <numerusform>F1 (%Ln zurückgehaltene Dokumente)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatisticsDialog</name>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>&amp;Labels</translation>
    </message>
    <message>
        <source>&amp;Progress</source>
        <translation>&amp;Fortschritt</translation>
    </message>
    <message>
        <source>&amp;Time per document</source>
        <translation>&amp;Zeit pro Dokument</translation>
    </message>
    <message>
        <source>S&amp;uggestions</source>
        <translation>&amp;Vorschläge</translation>
    </message>
    <message>
        <source>&amp;Agreement</source>
        <translation>&amp;Übereinstimmung</translation>
    </message>
    <message>
        <source>&amp;Network</source>
        <translation>&amp;Netzwerk</translation>
    </message>
    <message>
        <source>Learnin&amp;g curve</source>
        <translation>Lern&amp;kurve</translation>
    </message>
    <message>
        <source>Repla&amp;y</source>
        <translation>&amp;Replay</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Reading the project…</source>
        <translation>Projekt wird gelesen…</translation>
    </message>
    <message>
        <source>Comparing the annotators&apos; labels…</source>
        <translation>Labels der Annotierenden werden verglichen…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Cannot read the statistics: {0}</source>
        <translation>Die Statistik kann nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>As of {0}</source>
        <translation>Stand: {0}</translation>
    </message>
    <message>
        <source>How many entity spans and stance labels each annotator accepted, edited or added, by label. Open suggestions and rejections are not counted.</source>
        <translation>Wie viele Entitäten und Haltungslabels jede annotierende Person angenommen, bearbeitet oder hinzugefügt hat, je Label. Offene Vorschläge und Ablehnungen zählen nicht.</translation>
    </message>
    <message>
        <source>Nobody has accepted or added a label yet.</source>
        <translation>Noch niemand hat ein Label angenommen oder hinzugefügt.</translation>
    </message>
    <message numerus="yes">
        <source>Documents each annotator has marked done, day by day; a document marked done again counts once, on the first day. The project has %Ln document(s).</source>
        <translation>
            <numerusform>Dokumente, die jede annotierende Person als erledigt markiert hat, Tag für Tag; ein erneut erledigtes Dokument zählt einmal, am ersten Tag. Das Projekt hat %Ln Dokument.</numerusform>
            <numerusform>Dokumente, die jede annotierende Person als erledigt markiert hat, Tag für Tag; ein erneut erledigtes Dokument zählt einmal, am ersten Tag. Das Projekt hat %Ln Dokumente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody has marked a document done yet.</source>
        <translation>Noch niemand hat ein Dokument als erledigt markiert.</translation>
    </message>
    <message>
        <source>Time each annotator spent on the documents they marked done; the dashed lines are the medians.</source>
        <translation>Zeit, die jede annotierende Person für ihre erledigten Dokumente gebraucht hat; die gestrichelten Linien sind die Mediane.</translation>
    </message>
    <message>
        <source>The last bars also hold the longer times.</source>
        <translation>Die letzten Balken enthalten auch die längeren Zeiten.</translation>
    </message>
    <message>
        <source>No document marked done has time measured yet.</source>
        <translation>Für kein erledigtes Dokument wurde bisher Zeit gemessen.</translation>
    </message>
    <message>
        <source>How annotators decided on machine suggestions, by kind of suggester and the label it suggested: accepted unchanged, edited (another label or other boundaries) or rejected. Each annotator&apos;s decision counts; open suggestions nobody has decided on are not in the bars.</source>
        <translation>Wie die Annotierenden über maschinelle Vorschläge entschieden haben, je Art des Vorschlagenden und vorgeschlagenem Label: unverändert angenommen, bearbeitet (anderes Label oder andere Grenzen) oder abgelehnt. Jede Entscheidung jeder Person zählt; offene Vorschläge, über die niemand entschieden hat, sind nicht in den Balken.</translation>
    </message>
    <message>
        <source>There are no machine suggestions yet.</source>
        <translation>Es gibt noch keine maschinellen Vorschläge.</translation>
    </message>
    <message numerus="yes">
        <source>Agreement over the %Ln document(s) that two or more annotators labelled ({0}): exact-match span F1 and token-level Cohen&apos;s kappa per entity label, mean of the annotator pairs; for stance, Cohen&apos;s kappa and Krippendorff&apos;s alpha per target. 1 is full agreement, 0 what chance would give; – means nothing to compare.</source>
        <translation>
            <numerusform>Übereinstimmung über das %Ln Dokument, das zwei oder mehr Personen annotiert haben ({0}): Span-F1 bei exakter Übereinstimmung und Cohens Kappa auf Token-Ebene je Entitätslabel, Mittel der Paare; für Haltung Cohens Kappa und Krippendorffs Alpha je Ziel. 1 ist volle Übereinstimmung, 0 der Zufall; – heißt: nichts zu vergleichen.</numerusform>
            <numerusform>Übereinstimmung über die %Ln Dokumente, die zwei oder mehr Personen annotiert haben ({0}): Span-F1 bei exakter Übereinstimmung und Cohens Kappa auf Token-Ebene je Entitätslabel, Mittel der Paare; für Haltung Cohens Kappa und Krippendorffs Alpha je Ziel. 1 ist volle Übereinstimmung, 0 der Zufall; – heißt: nichts zu vergleichen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Holders: the same holder on {0} of the %Ln label(s) both annotators of a pair gave the same side ({1:.0%}).</source>
        <translation>
            <numerusform>Träger: derselbe Träger bei {0} von %Ln Label, dem beide Annotierenden eines Paares dieselbe Seite gaben ({1:.0%}).</numerusform>
            <numerusform>Träger: derselbe Träger bei {0} von %Ln Labels, denen beide Annotierenden eines Paares dieselbe Seite gaben ({1:.0%}).</numerusform>
        </translation>
    </message>
    <message>
        <source>No document was labelled by two annotators yet.</source>
        <translation>Noch kein Dokument wurde von zwei Personen annotiert.</translation>
    </message>
    <message>
        <source>Cannot export the chart</source>
        <translation>Das Diagramm kann nicht exportiert werden</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
</context>
<context>
    <name>StatisticsWorkflow</name>
    <message>
        <source>&amp;Statistics…</source>
        <translation>&amp;Statistik…</translation>
    </message>
</context>
<context>
    <name>SuggestProgressDialog</name>
    <message>
        <source>Suggest for all documents</source>
        <translation>Für alle Dokumente vorschlagen</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Das Modell wird geladen …</translation>
    </message>
    <message>
        <source>Suggesting: {0} of {1} steps</source>
        <translation>Vorschläge: {0} von {1} Schritten</translation>
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
    <message>
        <source>Suggested entities for 1 document: {0} new, {1} kept, {2} withdrawn.</source>
        <translation>Entitäten für 1 Dokument vorgeschlagen: {0} neu, {1} behalten, {2} zurückgezogen.</translation>
    </message>
    <message>
        <source>Only the pattern files suggested for these languages: {0}</source>
        <translation>Nur die Musterdateien haben für diese Sprachen vorgeschlagen: {0}</translation>
    </message>
    <message>
        <source>No stance suggestions: {0}</source>
        <translation>Keine Haltungsvorschläge: {0}</translation>
    </message>
    <message>
        <source>Suggested stance for 1 document ({0} sentences): {1} new, {2} kept.</source>
        <translation>Haltung für 1 Dokument vorgeschlagen ({0} Sätze): {1} neu, {2} behalten.</translation>
    </message>
    <message>
        <source>Suggested stance for {0} documents ({1} sentences): {2} new, {3} kept.</source>
        <translation>Haltung für {0} Dokumente ({1} Sätze) vorgeschlagen: {2} neu, {3} beibehalten.</translation>
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
        <source>Suggesting for all documents…</source>
        <translation>Vorschläge für alle Dokumente…</translation>
    </message>
</context>
<context>
    <name>TargetForm</name>
    <message>
        <source>One alias per line, or separated by commas. An alias ending in * matches every word that starts with it (Kreml*). The name is always an alias; inflected forms, compounds and demonyms are found without aliases.</source>
        <translation>Ein Alias pro Zeile oder durch Kommas getrennt. Ein Alias mit * am Ende passt auf jedes Wort, das so beginnt (Kreml*). Der Name ist immer ein Alias; gebeugte Formen, Komposita und Herkunftsadjektive werden ohne Alias gefunden.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Aliases:</source>
        <translation>&amp;Aliase:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
</context>
<context>
    <name>TargetKind</name>
    <message>
        <source>country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>other</source>
        <translation>Sonstiges</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>Stance targets</source>
        <translation>Haltungsziele</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Propose from the project&apos;s names…</source>
        <translation>Aus den Namen des Projekts &amp;vorschlagen…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Cannot read the stance targets</source>
        <translation>Die Haltungsziele können nicht gelesen werden</translation>
    </message>
    <message>
        <source>Add stance target</source>
        <translation>Haltungsziel hinzufügen</translation>
    </message>
    <message>
        <source>Edit stance target</source>
        <translation>Haltungsziel bearbeiten</translation>
    </message>
    <message>
        <source>There is a target “{0}” already; edit it to change its aliases.</source>
        <translation>Es gibt schon ein Ziel „{0}“; bearbeiten Sie es, um seine Aliase zu ändern.</translation>
    </message>
    <message>
        <source>Cannot add the target</source>
        <translation>Das Ziel kann nicht hinzugefügt werden</translation>
    </message>
    <message>
        <source>“{0}” was not added: {1}</source>
        <translation>„{0}“ wurde nicht hinzugefügt: {1}</translation>
    </message>
    <message>
        <source>Added “{0}”.</source>
        <translation>„{0}“ hinzugefügt.</translation>
    </message>
    <message>
        <source>“{0}” was not changed: {1}</source>
        <translation>„{0}“ wurde nicht geändert: {1}</translation>
    </message>
    <message>
        <source>Cannot change the target</source>
        <translation>Das Ziel kann nicht geändert werden</translation>
    </message>
    <message>
        <source>Saved “{0}”.</source>
        <translation>„{0}“ gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>Annotators made %n stance label(s) for “{0}”. A target is only removed while nobody has labelled it, so that their work is kept.</source>
        <translation>
            <numerusform>Annotierende haben %n Haltungslabel für „{0}“ vergeben. Ein Ziel wird nur entfernt, solange niemand es gelabelt hat, damit ihre Arbeit erhalten bleibt.</numerusform>
            <numerusform>Annotierende haben %n Haltungslabels für „{0}“ vergeben. Ein Ziel wird nur entfernt, solange niemand es gelabelt hat, damit ihre Arbeit erhalten bleibt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot remove the target</source>
        <translation>Das Ziel kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>“{0}” was not removed: {1}</source>
        <translation>„{0}“ wurde nicht entfernt: {1}</translation>
    </message>
    <message numerus="yes">
        <source>Removed “{0}” and %n open suggestion(s) for it.</source>
        <translation>
            <numerusform>„{0}“ und %n offener Vorschlag dazu entfernt.</numerusform>
            <numerusform>„{0}“ und %n offene Vorschläge dazu entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Names the project uses most often</source>
        <translation>Die häufigsten Namen im Projekt</translation>
    </message>
    <message>
        <source>Counting the names of the project…</source>
        <translation>Namen im Projekt werden gezählt…</translation>
    </message>
    <message>
        <source>Check the names that sentences take a side on, then add them.</source>
        <translation>Wählen Sie die Namen, zu denen Sätze Stellung beziehen, und fügen Sie sie hinzu.</translation>
    </message>
    <message>
        <source>No new names: the frequent people, organisations and places are targets already, or no entities are marked in the project yet.</source>
        <translation>Keine neuen Namen: Die häufigen Personen, Organisationen und Orte sind schon Ziele, oder im Projekt sind noch keine Entitäten markiert.</translation>
    </message>
    <message>
        <source>Cannot propose targets</source>
        <translation>Ziele können nicht vorgeschlagen werden</translation>
    </message>
    <message>
        <source>Cannot add the targets</source>
        <translation>Die Ziele können nicht hinzugefügt werden</translation>
    </message>
    <message numerus="yes">
        <source>Added %n target(s): {0}.</source>
        <translation>
            <numerusform>%n Ziel hinzugefügt: {0}.</numerusform>
            <numerusform>%n Ziele hinzugefügt: {0}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove stance target</source>
        <translation>Haltungsziel entfernen</translation>
    </message>
    <message>
        <source>Remove the target “{0}” and its aliases? Its open stance suggestions are removed too.</source>
        <translation>Das Ziel „{0}“ mit seinen Aliasen entfernen? Seine offenen Haltungsvorschläge werden mit entfernt.</translation>
    </message>
</context>
<context>
    <name>TeamReports</name>
    <message>
        <source>Project files written into {0}:</source>
        <translation>Projektdateien geschrieben nach {0}:</translation>
    </message>
    <message>
        <source>Nothing new to hand out: every assigned document was handed out before.</source>
        <translation>Nichts Neues zu verteilen: Alle zugewiesenen Dokumente wurden schon verteilt.</translation>
    </message>
    <message>
        <source>{0}: nothing new</source>
        <translation>{0}: nichts Neues</translation>
    </message>
    <message>
        <source>{0} → {1} (documents: {2})</source>
        <translation>{0} → {1} (Dokumente: {2})</translation>
    </message>
    <message>
        <source>  the earlier {0} was kept as {1}</source>
        <translation>  die frühere {0} wurde als {1} aufbewahrt</translation>
    </message>
    <message>
        <source>Send each annotator their file; merge it back when they are done.</source>
        <translation>Schicken Sie allen Annotierenden ihre Datei; führen Sie sie zusammen, wenn sie fertig sind.</translation>
    </message>
    <message>
        <source>Hand out to annotators</source>
        <translation>An Annotierende verteilen</translation>
    </message>
    <message>
        <source>Merged files: {0}. New documents: {1}. Conflicts: {2}.</source>
        <translation>Zusammengeführte Dateien: {0}. Neue Dokumente: {1}. Konflikte: {2}.</translation>
    </message>
    <message>
        <source>Where an annotator edited a document in two places, the version edited last wins; the other is set aside (see the details).</source>
        <translation>Wo jemand ein Dokument an zwei Orten bearbeitet hat, gilt die zuletzt bearbeitete Fassung; die andere wird beiseitegelegt (siehe Details).</translation>
    </message>
    <message>
        <source>Merge annotators&apos; work</source>
        <translation>Arbeit der Annotierenden zusammenführen</translation>
    </message>
    <message>
        <source>{0}: new documents: {1}</source>
        <translation>{0}: neue Dokumente: {1}</translation>
    </message>
    <message>
        <source>  added {0}</source>
        <translation>  hinzugefügt: {0}</translation>
    </message>
    <message>
        <source>  no annotator&apos;s work in it yet</source>
        <translation>  noch keine Arbeit von Annotierenden darin</translation>
    </message>
    <message>
        <source>  {0}: documents {1}, decisions {2}, new documents {3}, conflicts {4}</source>
        <translation>  {0}: Dokumente {1}, Entscheidungen {2}, neue Dokumente {3}, Konflikte {4}</translation>
    </message>
    <message>
        <source>{0}, document {1} ({2}): the file&apos;s version kept, the project&apos;s set aside</source>
        <translation>{0}, Dokument {1} ({2}): Fassung der Datei behalten, die des Projekts beiseitegelegt</translation>
    </message>
    <message>
        <source>{0}, document {1} ({2}): the project&apos;s version kept, the file&apos;s set aside</source>
        <translation>{0}, Dokument {1} ({2}): Fassung des Projekts behalten, die der Datei beiseitegelegt</translation>
    </message>
    <message>
        <source>  differs in {0}</source>
        <translation>  unterscheidet sich in {0}</translation>
    </message>
</context>
<context>
    <name>TeamWorkflow</name>
    <message>
        <source>&amp;Hand out to annotators…</source>
        <translation>An Annotierende &amp;verteilen …</translation>
    </message>
    <message>
        <source>Write one project file per annotator, to label offline</source>
        <translation>Eine Projektdatei je Annotierender schreiben, um offline zu annotieren</translation>
    </message>
    <message>
        <source>&amp;Merge annotators&apos; work…</source>
        <translation>Arbeit der Annotierenden zusa&amp;mmenführen …</translation>
    </message>
    <message>
        <source>Bring the annotators&apos; project files back into this project</source>
        <translation>Die Projektdateien der Annotierenden in dieses Projekt zurückholen</translation>
    </message>
    <message>
        <source>Handing out…</source>
        <translation>Wird verteilt …</translation>
    </message>
    <message>
        <source>Hand out</source>
        <translation>Verteilen</translation>
    </message>
    <message>
        <source>Writing the file for {0}…</source>
        <translation>Datei für {0} wird geschrieben …</translation>
    </message>
    <message>
        <source>Cannot hand out</source>
        <translation>Verteilen nicht möglich</translation>
    </message>
    <message>
        <source>Merge annotators&apos; work</source>
        <translation>Arbeit der Annotierenden zusammenführen</translation>
    </message>
    <message>
        <source>Standpunkt projects (*.sqlite);;All files (*)</source>
        <translation>Standpunkt-Projekte (*.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>Wird zusammengeführt …</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>Merging {0}…</source>
        <translation>{0} wird zusammengeführt …</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>Wird abgeschlossen …</translation>
    </message>
    <message>
        <source>The merge was cancelled; the project is unchanged.</source>
        <translation>Das Zusammenführen wurde abgebrochen; das Projekt ist unverändert.</translation>
    </message>
    <message>
        <source>Cannot merge</source>
        <translation>Zusammenführen nicht möglich</translation>
    </message>
    <message>
        <source>Nothing was merged; the project is unchanged.</source>
        <translation>Nichts wurde zusammengeführt; das Projekt ist unverändert.</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Undone: {0}</source>
        <translation>Rückgängig gemacht: {0}</translation>
    </message>
    <message>
        <source>Redone: {0}</source>
        <translation>Wiederholt: {0}</translation>
    </message>
</context>
</TS>
