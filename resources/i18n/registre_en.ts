<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>gui.activity_model</name>
    <message>
        <location filename="../../gui/activity_model.py" line="65"/>
        <source>Réf.</source>
        <translation>Ref.</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="66"/>
        <source>Traitement</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="67"/>
        <source>Entité</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="68"/>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="69"/>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="70"/>
        <source>Bases légales</source>
        <translation>Legal bases</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="71"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="72"/>
        <source>Complétude</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="73"/>
        <source>Pour le compte de</source>
        <translation>On behalf of</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="74"/>
        <source>Sensibles</source>
        <translation>Sensitive</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="164"/>
        <source>{status}, terminé le {ended}</source>
        <translation>{status}, ended {ended}</translation>
    </message>
</context>
<context>
    <name>gui.activity_view</name>
    <message>
        <location filename="../../gui/activity_view.py" line="34"/>
        <source>Entité</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="35"/>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="36"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="38"/>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="41"/>
        <source>Responsable</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="43"/>
        <source>Responsables conjoints</source>
        <translation>Joint controllers</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="46"/>
        <source>Pour le compte de</source>
        <translation>On behalf of</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="49"/>
        <source>Terminé le</source>
        <translation>Ended on</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="51"/>
        <source>Informations générales</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="52"/>
        <source>Finalité principale</source>
        <translation>Main purpose</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="54"/>
        <source>Bases légales</source>
        <translation>Legal bases</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="60"/>
        <source>Conditions de l&apos;article 9</source>
        <translation>Art. 9 conditions</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="64"/>
        <source>Personnes concernées</source>
        <translation>Data subjects</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="71"/>
        <source>Conservation</source>
        <translation>Retention</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="76"/>
        <source>Catégories de données</source>
        <translation>Data categories</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="77"/>
        <source>Destinataires</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="83"/>
        <source>Transferts hors UE</source>
        <translation>Transfers outside the EU</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="88"/>
        <source>Mesures de sécurité</source>
        <translation>Security measures</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="94"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="96"/>
        <source>Complétude</source>
        <translation>Completeness</translation>
    </message>
</context>
<context>
    <name>gui.dialogs</name>
    <message>
        <location filename="../../gui/dialogs.py" line="59"/>
        <source>Dupliquer le traitement</source>
        <translation>Duplicate the activity</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="69"/>
        <source>Nouvelle &amp;référence :</source>
        <translation>New &amp;reference:</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="71"/>
        <source>&amp;Dans l&apos;entité :</source>
        <translation>&amp;Into the entity:</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="74"/>
        <source>Dupliquer</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="75"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="45"/>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="46"/>
        <source>Non</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>gui.editor</name>
    <message>
        <location filename="../../gui/editor.py" line="68"/>
        <source>Identification et acteurs</source>
        <translation>Identification and actors</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="69"/>
        <source>Finalités et bases légales</source>
        <translation>Purposes and legal bases</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="70"/>
        <source>Personnes et données concernées</source>
        <translation>Data subjects and data categories</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="71"/>
        <source>Destinataires et transferts</source>
        <translation>Recipients and transfers</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="72"/>
        <source>Mesures de sécurité</source>
        <translation>Security measures</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="73"/>
        <source>Analyse d&apos;impact (AIPD)</source>
        <translation>Impact assessment (DPIA)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="74"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="237"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="238"/>
        <source>Conservation</source>
        <translation>Retention</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="239"/>
        <location filename="../../gui/editor.py" line="588"/>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="240"/>
        <source>Données précises, champs…</source>
        <translation>Which data, which fields…</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="241"/>
        <source>Texte qui fixe la durée (ex. CSP R1112-7)</source>
        <translation>Text setting the period (e.g. CSP R1112-7)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="269"/>
        <source>  — sensible (art. 9)</source>
        <translation>  — sensitive (Art. 9)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="363"/>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="388"/>
        <source>Nom du destinataire</source>
        <translation>Recipient&apos;s name</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="389"/>
        <source>Contrat (art. 28)</source>
        <translation>Contract (Art. 28)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="393"/>
        <source>France / UE</source>
        <translation>France / EU</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="451"/>
        <source>Destinataire</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="452"/>
        <source>Documentation de la garantie</source>
        <translation>Safeguard documentation</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="455"/>
        <source>— pays —</source>
        <translation>— country —</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="458"/>
        <source>— garantie —</source>
        <translation>— safeguard —</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="476"/>
        <source>Pays adéquat : aucune garantie supplémentaire</source>
        <translation>Adequate country: no further safeguard needed</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="589"/>
        <source>Nom du traitement</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="590"/>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="591"/>
        <source>Responsables conjoints (un par ligne)</source>
        <translation>Joint controllers (one per line)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="593"/>
        <source>Pour le compte de (un par ligne)</source>
        <translation>On behalf of (one per line)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="596"/>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="597"/>
        <source>Responsable opérationnel</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="598"/>
        <source>Courriel</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="599"/>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="600"/>
        <source>Logiciels et systèmes (un par ligne)</source>
        <translation>Software and systems (one per line)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="612"/>
        <source>Finalité principale</source>
        <translation>Main purpose</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="613"/>
        <source>Sous-finalités (une par ligne)</source>
        <translation>Sub-purposes (one per line)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="615"/>
        <source>Bases légales (art. 6)</source>
        <translation>Legal bases (Art. 6)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="617"/>
        <source>Conditions de l&apos;art. 9</source>
        <translation>Art. 9 conditions</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="623"/>
        <source>Personnes concernées (une par ligne)</source>
        <translation>Data subjects (one per line)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="625"/>
        <source>Sources des données (une par ligne)</source>
        <translation>Data sources (one per line)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="636"/>
        <source>Catégories de données et conservation</source>
        <translation>Data categories and retention</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="647"/>
        <source>Destinataires</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="648"/>
        <source>Transferts hors UE</source>
        <translation>Transfers outside the EU</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="671"/>
        <source>Critères du CEPD</source>
        <translation>EDPB criteria</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="672"/>
        <source>Liste CNIL (AIPD obligatoire)</source>
        <translation>CNIL list (DPIA mandatory)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="680"/>
        <source>Réalisée le</source>
        <translation>Done on</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="682"/>
        <source>AIPD</source>
        <translation>DPIA</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="683"/>
        <source>Référence de l&apos;AIPD</source>
        <translation>DPIA reference</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="685"/>
        <source>Notes sur l&apos;AIPD</source>
        <translation>Notes on the DPIA</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="689"/>
        <source>— non concerné —</source>
        <translation>— not listed —</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="699"/>
        <source>Notes du DPO sur le traitement</source>
        <translation>DPO&apos;s notes on the activity</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="718"/>
        <source>Rétablir</source>
        <translation>Revert</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="719"/>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="720"/>
        <source>Valider</source>
        <translation>Validate</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="721"/>
        <source>Marquer le traitement comme vérifié par le DPO (Art. 30 complet)</source>
        <translation>Mark the activity as checked by the DPO (Art. 30 complete)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="911"/>
        <source>Nouveau traitement</source>
        <translation>New activity</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="939"/>
        <source>Intérêt légitime : décrivez l&apos;intérêt poursuivi et la mise en balance</source>
        <translation>Legitimate interest: describe the interest pursued and the balancing test</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="952"/>
        <source>Complétude</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="955"/>
        <source> — modifié</source>
        <translation> — edited</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="963"/>
        <source>AIPD requise (2 critères ou plus, ou type de la liste CNIL)</source>
        <translation>DPIA required (2 criteria or more, or a type on the CNIL list)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="964"/>
        <source>AIPD non requise au vu des critères cochés</source>
        <translation>DPIA not required by the ticked criteria</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="245"/>
        <source>Règle de conservation…</source>
        <translation>Retention rule…</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="246"/>
        <source>Ouvrir l&apos;éditeur de règles sur cette catégorie (bibliothèque de modèles, aperçu des échéances)</source>
        <translation>Open the rule editor on this category (template library, preview of the deadlines)</translation>
    </message>
</context>
<context>
    <name>gui.history_model</name>
    <message>
        <location filename="../../gui/history_model.py" line="19"/>
        <source>Date</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="19"/>
        <source>Par</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="19"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="20"/>
        <source>Champ</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="20"/>
        <source>Avant</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="20"/>
        <source>Après</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="22"/>
        <source>création</source>
        <translation>created</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="22"/>
        <source>modification</source>
        <translation>changed</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="23"/>
        <source>suppression</source>
        <translation>deleted</translation>
    </message>
</context>
<context>
    <name>gui.main_window</name>
    <message>
        <location filename="../../gui/main_window.py" line="183"/>
        <source>Registre des traitements (art. 30.1)</source>
        <translation>Register of processing (Art. 30.1)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="185"/>
        <source>Registre du sous-traitant (art. 30.2)</source>
        <translation>Processor register (Art. 30.2)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="191"/>
        <source>Rechercher un traitement, un service, un logiciel…</source>
        <translation>Search an activity, a department, a system…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="203"/>
        <source>Terminés</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="204"/>
        <source>Montrer aussi les traitements terminés (archivés avec leur historique)</source>
        <translation>Also show the ended activities (archived with their history)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="206"/>
        <source>Données sensibles</source>
        <translation>Sensitive data</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="207"/>
        <source>Incomplets</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="208"/>
        <source>Complétude inférieure à 100 %</source>
        <translation>Completeness under 100 %</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="239"/>
        <source>&amp;Entité :</source>
        <translation>&amp;Entity:</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="262"/>
        <source>Tous les statuts</source>
        <translation>Any status</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="263"/>
        <source>Tous les rôles</source>
        <translation>Any role</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="299"/>
        <source>Fiche</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="300"/>
        <source>Modifier</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="301"/>
        <source>Historique</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="321"/>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="322"/>
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="323"/>
        <source>&amp;Affichage</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="324"/>
        <source>&amp;Langue</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="326"/>
        <source>&amp;Nouveau traitement</source>
        <translation>&amp;New activity</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="328"/>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="329"/>
        <source>&amp;Actualiser</source>
        <translation>&amp;Reload</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="330"/>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="345"/>
        <source>&amp;Modifier le traitement</source>
        <translation>&amp;Edit activity</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="347"/>
        <source>&amp;Valider le traitement</source>
        <translation>&amp;Validate activity</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="349"/>
        <source>D&amp;upliquer le traitement…</source>
        <translation>D&amp;uplicate activity…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="352"/>
        <location filename="../../gui/main_window.py" line="648"/>
        <source>&amp;Terminer le traitement…</source>
        <translation>E&amp;nd activity…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="356"/>
        <source>&amp;Supprimer le traitement…</source>
        <translation>&amp;Delete activity…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="361"/>
        <source>&amp;Rechercher</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="370"/>
        <source>&amp;Colonnes</source>
        <translation>&amp;Columns</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="398"/>
        <source>Barre d&apos;outils</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="407"/>
        <source>Annuler</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="407"/>
        <source>Rétablir</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="469"/>
        <source>Lecture du registre…</source>
        <translation>Reading the register…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="531"/>
        <location filename="../../gui/main_window.py" line="882"/>
        <source>Tout le groupe</source>
        <translation>Whole group</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="555"/>
        <source>{shown} traitement(s) sur {total}</source>
        <translation>{shown} of {total} activities</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="608"/>
        <source>Les modifications de ce traitement ne sont pas valides et ne peuvent pas être enregistrées. Les abandonner ?</source>
        <translation>The changes to this activity are not valid and cannot be saved. Discard them?</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="647"/>
        <source>&amp;Remettre dans le registre</source>
        <translation>&amp;Restore to the register</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="676"/>
        <source>Complétude : {shown_0} / {shown_1} traitements évalués</source>
        <translation>Completeness: {shown_0} / {shown_1} activities assessed</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="774"/>
        <source>l&apos;ajout de {ref}</source>
        <translation>adding {ref}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="783"/>
        <source>la modification de {ref} ({names})</source>
        <translation>editing {ref} ({names})</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="800"/>
        <source>Ce traitement ne peut pas être validé : {reasons}.</source>
        <translation>This activity cannot be validated: {reasons}.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="805"/>
        <source>la validation de {ref}</source>
        <translation>validating {ref}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="807"/>
        <source>Traitement validé (Ctrl+Z l&apos;annule).</source>
        <translation>Activity validated (Ctrl+Z undoes it).</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="828"/>
        <source>la duplication de {ref} en {new_ref}</source>
        <translation>duplicating {ref} as {new_ref}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="840"/>
        <source>Terminer le traitement « {ref} — {name} » au {today:%d/%m/%Y} ? Il quitte le registre mais reste consultable avec son historique (case « Terminés ») ; Ctrl+Z l&apos;annule.</source>
        <translation>End the activity &apos;{ref} — {name}&apos; on {today:%d/%m/%Y}? It leaves the register but stays available with its history (&apos;Ended&apos; box); Ctrl+Z undoes it.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="847"/>
        <source>la fin de {ref}</source>
        <translation>ending {ref}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="851"/>
        <source>le retour de {ref} au registre</source>
        <translation>restoring {ref} to the register</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="859"/>
        <source>Supprimer le traitement « {ref} — {name} » ? Son historique reste dans le journal d&apos;audit ; Ctrl+Z le rétablit.</source>
        <translation>Delete the activity &apos;{ref} — {name}&apos;? Its history stays in the audit log; Ctrl+Z brings it back.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="865"/>
        <source>la suppression de {ref}</source>
        <translation>deleting {ref}</translation>
    </message>
</context>
<context>
    <name>gui.retention</name>
    <message>
        <source>&amp;Conservation</source>
        <translation type="vanished">&amp;Retention</translation>
    </message>
    <message>
        <source>&amp;Règle de conservation…</source>
        <translation type="vanished">Retention &amp;rule…</translation>
    </message>
    <message>
        <source>Charger un &amp;inventaire…</source>
        <translation type="vanished">Load an &amp;inventory…</translation>
    </message>
    <message>
        <source>Revue &amp;trimestrielle…</source>
        <translation type="vanished">Quarterly &amp;review…</translation>
    </message>
    <message>
        <source>&amp;Gels juridiques…</source>
        <translation type="vanished">Legal &amp;holds…</translation>
    </message>
    <message>
        <source>Tableau de &amp;bord…</source>
        <translation type="vanished">&amp;Dashboard…</translation>
    </message>
    <message>
        <source>Afficher les &amp;rappels</source>
        <translation type="vanished">Show the &amp;reminders</translation>
    </message>
    <message>
        <source>Conservation</source>
        <translation type="vanished">Retention</translation>
    </message>
    <message>
        <source>Choisissez d&apos;abord un traitement.</source>
        <translation type="vanished">Choose an activity first.</translation>
    </message>
    <message>
        <source>{ref} n&apos;est pas affiché : les filtres du registre le cachent.</source>
        <translation type="vanished">{ref} is not shown: the register&apos;s filters hide it.</translation>
    </message>
</context>
<context>
    <name>gui.retention.holds_screen</name>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="140"/>
        <source>Gels juridiques</source>
        <translation>Legal holds</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="159"/>
        <source>Afficher</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="168"/>
        <source>Nouveau gel juridique</source>
        <translation>New legal hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="178"/>
        <location filename="../../gui/retention/holds_screen.py" line="353"/>
        <source>Tout le traitement</source>
        <translation>Whole activity</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="179"/>
        <source>Une catégorie</source>
        <translation>One category</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="180"/>
        <source>Des enregistrements</source>
        <translation>Listed records</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="193"/>
        <source>Collez ici une colonne d&apos;identifiants (un par ligne)</source>
        <translation>Paste a column of record ids here (one a line)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="198"/>
        <source>Depuis un fichier…</source>
        <translation>From a file…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="202"/>
        <source>Colonne</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="208"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="228"/>
        <source>jusqu&apos;au</source>
        <translation>until</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="238"/>
        <source>Recours, réquisition judiciaire, contrôle… (référence du dossier)</source>
        <translation>Litigation, judicial requisition, audit… (case reference)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="242"/>
        <source>Créer le gel</source>
        <translation>Create the hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="246"/>
        <location filename="../../gui/retention/holds_screen.py" line="334"/>
        <source>Traitement</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="247"/>
        <location filename="../../gui/retention/holds_screen.py" line="334"/>
        <source>Portée</source>
        <translation>Covers</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="248"/>
        <source>Catégorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="249"/>
        <source>Enregistrements</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="250"/>
        <source>À partir du</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="251"/>
        <location filename="../../gui/retention/holds_screen.py" line="335"/>
        <source>Motif</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="265"/>
        <source>Terminer le gel sélectionné</source>
        <translation>End the selected hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="273"/>
        <source>Terminer le gel</source>
        <translation>End the hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="277"/>
        <source>Le gel couvre les jours jusqu&apos;à la veille de cette date ; les échéances sont reportées d&apos;autant.</source>
        <translation>The hold covers the days up to the day before this date; deadlines move by as many days.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="283"/>
        <source>Fin le</source>
        <translation>Ends on</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="330"/>
        <source>Actifs et terminés</source>
        <translation>Active and ended</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="330"/>
        <source>Actifs</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="331"/>
        <source>Terminés</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="335"/>
        <source>Du</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="335"/>
        <source>Au</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="336"/>
        <source>Créé par</source>
        <translation>Created by</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="336"/>
        <source>État</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="349"/>
        <source>{record_count} enregistrement(s){where}</source>
        <translation>{record_count} record(s){where}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="352"/>
        <source>Catégorie {category}</source>
        <translation>Category {category}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="357"/>
        <source>Terminé le {ends_on}</source>
        <translation>Ended on {ends_on}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="359"/>
        <source>À venir (le {starts_on})</source>
        <translation>From {starts_on}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="362"/>
        <source>Actif — fin le {ends_on}</source>
        <translation>Active — ends {ends_on}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="363"/>
        <source>Actif depuis {days} j</source>
        <translation>Active for {days} d</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="412"/>
        <source>{active} actif(s), {holds} terminé(s)</source>
        <translation>{active} active, {holds} ended</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="458"/>
        <source>Choisissez un gel dans la liste.</source>
        <translation>Choose a hold in the list.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="460"/>
        <source>{activity} — {scope_words}, depuis le {starts_on} : {reason}</source>
        <translation>{activity} — {scope_words}, since {starts_on}: {reason}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="485"/>
        <source>Gel juridique {activity} ({scope_words}) terminé le {ends_on}.</source>
        <translation>Legal hold {activity} ({scope_words}) ended on {ends_on}.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="505"/>
        <source>(toutes les catégories)</source>
        <translation>(every category)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="527"/>
        <source>Aucun identifiant.</source>
        <translation>No record id.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="530"/>
        <source>{ids} identifiant(s) : {shown}</source>
        <translation>{ids} record id(s): {shown}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="584"/>
        <source>{name} : colonne « {column_combo} » lue.</source>
        <translation>{name}: column &apos;{column_combo}&apos; read.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="601"/>
        <source>Choisissez d&apos;abord un traitement.</source>
        <translation>Choose an activity first.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="608"/>
        <source>Le traitement {ref} n&apos;a pas de catégorie de données.</source>
        <translation>Activity {ref} has no data category.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="613"/>
        <source>Collez les identifiants des enregistrements à geler, ou lisez-les d&apos;un fichier.</source>
        <translation>Paste the ids of the records to hold, or read them from a file.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="636"/>
        <source>Gel juridique créé : {activity} ({scope_words}) à partir du {starts_on}.</source>
        <translation>Legal hold created: {activity} ({scope_words}) from {starts_on}.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="94"/>
        <source>Choisir un fichier d&apos;identifiants</source>
        <translation>Choose a file of ids</translation>
    </message>
</context>
<context>
    <name>gui.retention.inventory_wizard</name>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="116"/>
        <source>Charger un inventaire</source>
        <translation>Load an inventory</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="132"/>
        <source>Choisir le fichier…</source>
        <translation>Choose the file…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="138"/>
        <source>Traitement</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="139"/>
        <source>Catégorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="140"/>
        <source>Règle</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="141"/>
        <source>Fichier</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="155"/>
        <source>Colonnes</source>
        <translation>Columns</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="162"/>
        <source>Identifiant</source>
        <translation>Record id</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="163"/>
        <source>Étape (actif/archive)</source>
        <translation>Stage (active/archive)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="174"/>
        <source>Charger</source>
        <translation>Load</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="177"/>
        <source>Annuler le chargement</source>
        <translation>Cancel loading</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="180"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="251"/>
        <source>aucune règle de conservation</source>
        <translation>no retention rule</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="296"/>
        <source>{row_count} lignes ; aperçu des {shown} premières</source>
        <translation>{row_count} rows; preview of the first {shown}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="304"/>
        <source>(aucune)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="316"/>
        <source>(à choisir)</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="339"/>
        <source>Choisissez la colonne de : {missing}</source>
        <translation>Choose the column of: {missing}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="392"/>
        <source> (remplace {replaced})</source>
        <translation> (replaces {replaced})</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="90"/>
        <source>Choisir un inventaire</source>
        <translation>Choose an inventory</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/retention/inventory_wizard.py" line="394"/>
        <source>%n enregistrements chargés{replaced}.</source>
        <translation>
            <numerusform>%n record loaded{replaced}.</numerusform>
            <numerusform>%n records loaded{replaced}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{records} enregistrements chargés{replaced}.</source>
        <translation type="vanished">{records} records loaded{replaced}.</translation>
    </message>
</context>
<context>
    <name>gui.retention.review_screen</name>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="72"/>
        <source>En retard</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="73"/>
        <source>À échéance (trimestre)</source>
        <translation>Due next quarter</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="74"/>
        <source>À archiver</source>
        <translation>Archive due</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="75"/>
        <source>Gel juridique</source>
        <translation>On legal hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="76"/>
        <source>Indéterminés</source>
        <translation>Undetermined</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="77"/>
        <source>Conformes</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="80"/>
        <source>Purge planifiée</source>
        <translation>Purge planned</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="81"/>
        <source>Purge effectuée</source>
        <translation>Purge done</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="83"/>
        <source>Règle révisée</source>
        <translation>Rule revised</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="84"/>
        <source>Accepté (justifié)</source>
        <translation>Accepted (justified)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="87"/>
        <source>Commentaire (facultatif)</source>
        <translation>Comment (optional)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="88"/>
        <source>Référence de la preuve (PV de destruction…)</source>
        <translation>Evidence reference (destruction report…)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="89"/>
        <source>Motif du gel (le gel juridique est créé)</source>
        <translation>Reason of the hold (the legal hold is put in place)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="90"/>
        <source>Ce qui a été révisé</source>
        <translation>What was revised</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="91"/>
        <source>Justification</source>
        <translation>Justification</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="95"/>
        <source>Retard</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="96"/>
        <source>Échéance</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="97"/>
        <source>Archiver</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="98"/>
        <source>Gel</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="99"/>
        <source>Indét.</source>
        <translation>Undet.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="100"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="142"/>
        <source>Revue trimestrielle de conservation</source>
        <translation>Quarterly retention review</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="157"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="161"/>
        <location filename="../../gui/retention/review_screen.py" line="305"/>
        <source>Au</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="162"/>
        <source>Horizon (jours)</source>
        <translation>Horizon (days)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="207"/>
        <location filename="../../gui/retention/review_screen.py" line="228"/>
        <location filename="../../gui/retention/review_screen.py" line="318"/>
        <source>Décision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="222"/>
        <source>Appliquer à tout le groupe</source>
        <translation>Apply to the group</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="223"/>
        <source>Appliquer aux lignes choisies</source>
        <translation>Apply to the chosen rows</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="226"/>
        <source>Purge le</source>
        <translation>Purge on</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="229"/>
        <location filename="../../gui/retention/review_screen.py" line="318"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="240"/>
        <source>Signature</source>
        <translation>Sign-off</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="249"/>
        <source>Signer la revue</source>
        <translation>Sign the review off</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="252"/>
        <source>DPO signataire</source>
        <translation>Signed by (DPO)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="253"/>
        <source>Prochaine revue</source>
        <translation>Next review</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="305"/>
        <source>Revue</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="307"/>
        <source>Signée par</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="312"/>
        <source>Traitement / catégorie / statut</source>
        <translation>Activity / category / status</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="313"/>
        <source>Enregistrements</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="314"/>
        <source>Décidés</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="316"/>
        <source>Identifiant</source>
        <translation>Record id</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="316"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="317"/>
        <source>Jours de retard</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="328"/>
        <source>Démarrer la revue {quarter}</source>
        <translation>Start the review {quarter}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="359"/>
        <source>(en cours)</source>
        <translation>(open)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="380"/>
        <source>Aucune revue pour l&apos;instant</source>
        <translation>No review yet</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="385"/>
        <source>Revue {title} au {as_of}</source>
        <translation>Review {title} as of {as_of}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="389"/>
        <source>Signée par {by} le {at} — lecture seule. Prochaine revue : {next_review_on}.</source>
        <translation>Signed off by {by} on {at} — read-only. Next review: {next_review_on}.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="449"/>
        <source>{word} : {before} à la revue {title}, {now} maintenant</source>
        <translation>{word}: {before} at review {title}, {now} now</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="454"/>
        <source>Première revue : </source>
        <translation>First review: </translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="543"/>
        <source>{activity}/{category}, {record_count} enregistrement(s)</source>
        <translation>{activity}/{category}, {record_count} record(s)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="551"/>
        <source>Gel juridique créé sur {which} à compter du {start} (motif : {reason}). Il se termine dans l&apos;écran Gels juridiques.</source>
        <translation>Legal hold created on {which} from {start} (reason: {reason}). End it in the Legal holds screen.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="557"/>
        <source>Déjà sous gel juridique : {which} ; aucun nouveau gel.</source>
        <translation>Already under a legal hold: {which}; no new hold.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/retention/review_screen.py" line="529"/>
        <source>Décision enregistrée pour %n enregistrement(s).</source>
        <translation>
            <numerusform>Decision recorded for %n record.</numerusform>
            <numerusform>Decision recorded for %n records.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="82"/>
        <source>Gel juridique</source>
        <comment>décision</comment>
        <translation>Legal hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="317"/>
        <source>Échéance</source>
        <comment>colonne</comment>
        <translation>Deadline</translation>
    </message>
</context>
<context>
    <name>gui.retention.rule_editor</name>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="47"/>
        <source>Suppression</source>
        <translation>Deletion</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="48"/>
        <source>Anonymisation</source>
        <translation>Anonymisation</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="49"/>
        <source>Versement aux archives publiques</source>
        <translation>Transfer to public archives</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="50"/>
        <source>Tri (sort final T)</source>
        <translation>Sort (final &apos;T&apos;)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="191"/>
        <source>Règle de conservation — {ref}</source>
        <translation>Retention rule — {ref}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="197"/>
        <source>Chercher un modèle (ex. dossier médical)</source>
        <translation>Search a template (e.g. medical record)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="213"/>
        <source>Bibliothèque de règles</source>
        <translation>Rule library</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="248"/>
        <location filename="../../gui/retention/rule_editor.py" line="357"/>
        <source>Règle</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="252"/>
        <source>Catégorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="253"/>
        <source>Fin de conservation</source>
        <translation>End of retention</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="254"/>
        <location filename="../../gui/retention/rule_editor.py" line="521"/>
        <source>Fin de la phase active</source>
        <translation>End of active phase</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="255"/>
        <source>Sort final</source>
        <translation>Final action</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="256"/>
        <source>Référence légale</source>
        <translation>Legal reference</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="257"/>
        <source>Justification</source>
        <translation>Justification</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="266"/>
        <source>Aperçu : dates d&apos;exemple</source>
        <translation>Preview: example dates</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="282"/>
        <source>Appliquer</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="283"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="359"/>
        <source>Phase active</source>
        <translation>Active phase</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="360"/>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="495"/>
        <source>AAAA-MM-JJ</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="519"/>
        <source>Date illisible : </source>
        <translation>Unreadable date: </translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="522"/>
        <source>Dernier jour de conservation</source>
        <translation>Last day of retention</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="533"/>
        <source>indéterminé, il manque : </source>
        <translation>undetermined, missing: </translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="562"/>
        <source>règle de {ref}/{category}</source>
        <translation>rule of {ref}/{category}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="573"/>
        <source>Règle enregistrée.</source>
        <translation>Rule saved.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="410"/>
        <source>✎ modifiée, non appliquée</source>
        <translation>✎ edited, not applied</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="412"/>
        <source>✔ règle définie</source>
        <translation>✔ rule set</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="414"/>
        <source>✘ sans règle</source>
        <translation>✘ no rule</translation>
    </message>
</context>
</TS>
