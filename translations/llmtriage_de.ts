<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Triage::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+23"/>
        <source>holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>does not hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h2&gt;%1 failure records&lt;/h2&gt;&lt;p&gt;%2 models, %3 symptom categories, %4 cause categories.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Diagnostic divergence: %5&lt;/li&gt;&lt;li&gt;Systemic homogeneity: %6&lt;/li&gt;&lt;li&gt;Lifecycle escalation: %7&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Workspace: %8&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>llmtriage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About llmtriage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n record(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>About llmtriage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;llmtriage %1&lt;/h3&gt;&lt;p&gt;A workbench for studying why open-source LLMs fail.&lt;/p&gt;&lt;p&gt;The default dataset is &lt;b&gt;Open-LLM-Failures&lt;/b&gt;, from the paper &lt;i&gt;Why Does the LLM Stop Computing: An Empirical Study of User-Reported Failures in Open-Source LLMs&lt;/i&gt; (arXiv 2601.13655), published at github.com/PapersSubmit/Open-LLM-Failures.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+44"/>
        <source>A workbench for studying why open-source LLMs fail. Run &apos;llmtriage --help&apos; for the command line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The workspace file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot open the workspace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
