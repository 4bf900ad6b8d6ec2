package parse

import "strings"

// skillEntry is one taxonomy entry: the canonical name, the phrases that
// name it (scanner syntax, see skills_scan.go) and the guard applied to
// phrases marked '?'.
type skillEntry struct {
	name    string
	guard   func(s string, start, end int) bool
	phrases []string
}

// skillTaxonomy lists the technologies Skills knows, in the order Skills
// reports them: languages, web, mobile, data stores, data and ML, cloud and
// infrastructure, tooling, practices, business software. The canonical name
// is always matched too (case-insensitively unless a cased phrase is given).
//
// Ambiguous names are cased and guarded: "Go", "R", "C", "Rust", "Swift",
// "Spark", "Rails", "Express", "Flask", "Chef", "Puppet" and friends count
// only when written with their capital and in a technical context (a list
// of other technologies, "in Go", "Go developer", "Go, Python"), see
// skillGuardContext.
var skillTaxonomy = []skillEntry{
	// Languages.
	{"Python", nil, []string{"python", "python3", "python 3", "python2"}},
	{"Java", nil, []string{"java", "java 8", "java 11", "java 17", "java 21"}},
	{"JavaScript", nil, []string{"javascript", "=JS", "ecmascript", "es6", "vanilla js"}},
	{"TypeScript", nil, []string{"typescript", "?=TS"}},
	{"Go", skillGuardGo, []string{"golang", "go lang", "?=Go"}},
	{"Rust", skillGuardContext, []string{"?=Rust", "rustlang"}},
	{"C", skillGuardC, []string{"?=C", "ansi c", "embedded c"}},
	{"C++", nil, []string{"c++", "cpp", "c plus plus", "c++11", "c++14", "c++17", "c++20"}},
	{"C#", nil, []string{"c#", "csharp", "c sharp"}},
	{"Ruby", nil, []string{"ruby"}},
	{"PHP", nil, []string{"php", "php7", "php8"}},
	{"Kotlin", nil, []string{"kotlin"}},
	{"Swift", skillGuardContext, []string{"?=Swift", "swift 5", "swift language"}},
	{"Objective-C", nil, []string{"objective-c", "objective c", "objc", "obj-c"}},
	{"Scala", nil, []string{"scala"}},
	{"R", skillGuardR, []string{"?=R", "r programming", "r language", "rstudio", "r studio", "tidyverse", "r shiny"}},
	{"Perl", nil, []string{"perl"}},
	{"Elixir", nil, []string{"elixir"}},
	{"Erlang", nil, []string{"erlang"}},
	{"Haskell", nil, []string{"haskell"}},
	{"Clojure", nil, []string{"clojure", "clojurescript"}},
	{"F#", nil, []string{"f#", "fsharp"}},
	{"OCaml", nil, []string{"ocaml"}},
	{"Dart", skillGuardContext, []string{"?=Dart"}},
	{"Lua", nil, []string{"lua"}},
	{"Julia", skillGuardContext, []string{"?=Julia", "julialang"}},
	{"MATLAB", nil, []string{"matlab"}},
	{"Groovy", skillGuardContext, []string{"?=Groovy"}},
	{"Bash", nil, []string{"bash", "shell scripting", "shell script", "shell scripts"}},
	{"PowerShell", nil, []string{"powershell"}},
	{"SQL", nil, []string{"sql", "t-sql", "tsql", "pl/sql", "plsql"}},
	{"Solidity", nil, []string{"solidity"}},
	{"COBOL", nil, []string{"cobol"}},
	{"Fortran", nil, []string{"fortran"}},
	{"Zig", skillGuardContext, []string{"?=Zig"}},
	{"VBA", nil, []string{"vba"}},
	{"ABAP", nil, []string{"abap"}},
	{"Apex", skillGuardContext, []string{"?=Apex", "salesforce apex"}},
	{"Visual Basic", nil, []string{"visual basic", "vb.net"}},
	{"Assembly", nil, []string{"assembly language", "x86 assembly", "arm assembly", "assembler"}},
	{"Verilog", nil, []string{"verilog", "systemverilog"}},
	{"VHDL", nil, []string{"vhdl"}},

	// Web and back-end frameworks.
	{"HTML", nil, []string{"html", "html5"}},
	{"CSS", nil, []string{"css", "css3"}},
	{"Sass", nil, []string{"sass", "scss"}},
	{"Tailwind CSS", nil, []string{"tailwind", "tailwindcss"}},
	{"Bootstrap", nil, []string{"=Bootstrap"}},
	{"jQuery", nil, []string{"jquery"}},
	{"React", nil, []string{"=React", "react.js", "reactjs", "react js"}},
	{"React Native", nil, []string{"react native", "react-native"}},
	{"Redux", nil, []string{"redux"}},
	{"Next.js", nil, []string{"next.js", "nextjs"}},
	{"Angular", nil, []string{"=Angular", "angularjs", "angular.js", "angular 2+"}},
	{"Vue.js", nil, []string{"=Vue", "vue.js", "vuejs", "vue 3"}},
	{"Nuxt", nil, []string{"nuxt", "nuxt.js", "nuxtjs"}},
	{"Svelte", nil, []string{"svelte", "sveltekit"}},
	{"Ember.js", skillGuardContext, []string{"ember.js", "emberjs", "?=Ember"}},
	{"Node.js", skillGuardContext, []string{"node.js", "nodejs", "node js", "?=Node"}},
	{"Deno", nil, []string{"deno"}},
	{"Express", skillGuardContext, []string{"express.js", "expressjs", "?=Express"}},
	{"NestJS", nil, []string{"nestjs", "nest.js"}},
	{"Django", nil, []string{"django"}},
	{"Flask", skillGuardContext, []string{"?=Flask"}},
	{"FastAPI", nil, []string{"fastapi"}},
	{"Ruby on Rails", skillGuardContext, []string{"ruby on rails", "=RoR", "?=Rails"}},
	{"Laravel", nil, []string{"laravel"}},
	{"Symfony", nil, []string{"symfony"}},
	{"Spring", skillGuardContext, []string{"spring boot", "springboot", "spring framework", "spring mvc", "?=Spring"}},
	{".NET", nil, []string{".net", "dotnet", ".net core", "asp.net", "asp.net core"}},
	{"Phoenix", skillGuardContext, []string{"?=Phoenix"}},
	{"GraphQL", nil, []string{"graphql"}},
	{"REST", nil, []string{"=REST", "restful", "rest api", "rest apis"}},
	{"gRPC", nil, []string{"grpc"}},
	{"WebSockets", nil, []string{"websocket", "websockets"}},
	{"WordPress", nil, []string{"wordpress"}},
	{"Drupal", nil, []string{"drupal"}},
	{"Shopify", nil, []string{"shopify"}},
	{"Magento", nil, []string{"magento"}},
	{"Webpack", nil, []string{"webpack"}},
	{"Vite", nil, []string{"=Vite", "vitejs"}},

	// Mobile.
	{"iOS", nil, []string{"ios"}},
	{"Android", nil, []string{"android"}},
	{"SwiftUI", nil, []string{"swiftui"}},
	{"UIKit", nil, []string{"uikit"}},
	{"Jetpack Compose", nil, []string{"jetpack compose"}},
	{"Flutter", nil, []string{"flutter"}},
	{"Xamarin", nil, []string{"xamarin"}},
	{"Unity", skillGuardContext, []string{"unity3d", "?=Unity"}},
	{"Unreal Engine", nil, []string{"unreal engine", "unreal engine 5", "=UE5", "=UE4"}},

	// Databases and messaging.
	{"PostgreSQL", nil, []string{"postgresql", "postgres", "psql"}},
	{"MySQL", nil, []string{"mysql"}},
	{"MariaDB", nil, []string{"mariadb"}},
	{"SQLite", nil, []string{"sqlite"}},
	{"SQL Server", nil, []string{"sql server", "mssql", "ms sql", "microsoft sql server"}},
	{"Oracle Database", nil, []string{"=Oracle", "oracle database", "oracle db"}},
	{"MongoDB", nil, []string{"mongodb", "mongo"}},
	{"Cassandra", nil, []string{"cassandra"}},
	{"DynamoDB", nil, []string{"dynamodb"}},
	{"Redis", nil, []string{"redis"}},
	{"Memcached", nil, []string{"memcached"}},
	{"Elasticsearch", nil, []string{"elasticsearch", "elastic search", "opensearch"}},
	{"Neo4j", nil, []string{"neo4j"}},
	{"CockroachDB", nil, []string{"cockroachdb"}},
	{"ClickHouse", nil, []string{"clickhouse"}},
	{"Firebase", nil, []string{"firebase", "firestore"}},
	{"Supabase", nil, []string{"supabase"}},
	{"Kafka", nil, []string{"kafka", "apache kafka"}},
	{"RabbitMQ", nil, []string{"rabbitmq"}},
	{"NoSQL", nil, []string{"nosql"}},

	// Data and machine learning.
	{"Apache Spark", skillGuardContext, []string{"apache spark", "pyspark", "spark sql", "?spark"}},
	{"Hadoop", nil, []string{"hadoop", "hdfs"}},
	{"MapReduce", nil, []string{"mapreduce"}},
	{"Dask", nil, []string{"dask"}},
	{"Amazon EMR", skillGuardContext, []string{"amazon emr", "aws emr", "?=EMR"}},
	{"Hive", skillGuardContext, []string{"apache hive", "?=Hive"}},
	{"Flink", nil, []string{"flink", "apache flink"}},
	{"Airflow", nil, []string{"=Airflow", "apache airflow"}},
	{"dbt", nil, []string{"=dbt", "data build tool"}},
	{"Snowflake", nil, []string{"=Snowflake"}},
	{"BigQuery", nil, []string{"bigquery", "big query"}},
	{"Redshift", nil, []string{"redshift"}},
	{"Databricks", nil, []string{"databricks"}},
	{"pandas", nil, []string{"pandas"}},
	{"NumPy", nil, []string{"numpy"}},
	{"SciPy", nil, []string{"scipy"}},
	{"scikit-learn", nil, []string{"scikit-learn", "scikit learn", "sklearn"}},
	{"TensorFlow", nil, []string{"tensorflow"}},
	{"PyTorch", nil, []string{"pytorch"}},
	{"Keras", nil, []string{"keras"}},
	{"Hugging Face", nil, []string{"hugging face", "huggingface"}},
	{"LangChain", nil, []string{"langchain"}},
	{"Jupyter", nil, []string{"jupyter", "jupyter notebook", "jupyter notebooks"}},
	{"MLflow", nil, []string{"mlflow"}},
	{"Tableau", nil, []string{"tableau"}},
	{"Power BI", nil, []string{"power bi", "powerbi"}},
	{"Looker", nil, []string{"=Looker", "looker studio"}},
	{"Amplitude", skillGuardContext, []string{"?=Amplitude"}},
	{"Mixpanel", nil, []string{"mixpanel"}},
	{"Excel", skillGuardExcel, []string{"?excel", "microsoft excel", "ms excel"}},
	{"SAS", nil, []string{"=SAS"}},
	{"SPSS", nil, []string{"spss"}},
	{"Stata", nil, []string{"=Stata"}},
	{"Machine Learning", nil, []string{"machine learning", "=ML"}},
	{"Deep Learning", nil, []string{"deep learning"}},
	{"NLP", nil, []string{"nlp", "natural language processing"}},
	{"Computer Vision", nil, []string{"computer vision", "opencv"}},
	{"LLMs", nil, []string{"llm", "llms", "large language model", "large language models"}},

	// Cloud and infrastructure.
	{"AWS", nil, []string{"aws", "amazon web services"}},
	{"Azure", nil, []string{"azure", "microsoft azure"}},
	{"Google Cloud", nil, []string{"google cloud", "gcp", "google cloud platform"}},
	{"AWS Lambda", nil, []string{"aws lambda"}},
	{"Heroku", nil, []string{"heroku"}},
	{"Vercel", nil, []string{"vercel"}},
	{"Netlify", nil, []string{"netlify"}},
	{"Cloudflare", nil, []string{"cloudflare"}},
	{"DigitalOcean", nil, []string{"digitalocean", "digital ocean"}},
	{"Docker", nil, []string{"docker", "dockerfile"}},
	{"Kubernetes", nil, []string{"kubernetes", "k8s", "=EKS", "=GKE", "=AKS"}},
	{"Helm", skillGuardContext, []string{"?=Helm", "helm charts", "helm chart"}},
	{"OpenShift", nil, []string{"openshift"}},
	{"Terraform", nil, []string{"terraform"}},
	{"Pulumi", nil, []string{"pulumi"}},
	{"CloudFormation", nil, []string{"cloudformation"}},
	{"Ansible", nil, []string{"ansible"}},
	{"Chef", skillGuardContext, []string{"?=Chef"}},
	{"Puppet", skillGuardContext, []string{"?=Puppet"}},
	{"Linux", nil, []string{"linux", "ubuntu", "debian", "centos", "rhel", "red hat enterprise linux"}},
	{"Unix", nil, []string{"unix"}},
	{"Nginx", nil, []string{"nginx"}},
	{"Istio", nil, []string{"istio"}},
	{"Prometheus", nil, []string{"=Prometheus"}},
	{"Grafana", nil, []string{"grafana"}},
	{"Datadog", nil, []string{"datadog"}},
	{"New Relic", nil, []string{"new relic", "newrelic"}},
	{"Splunk", nil, []string{"splunk"}},
	{"Burp Suite", nil, []string{"burp suite", "burpsuite"}},
	{"ELK", nil, []string{"=ELK", "elk stack", "logstash", "kibana"}},
	{"OpenTelemetry", nil, []string{"opentelemetry", "otel"}},
	{"Serverless", nil, []string{"serverless"}},
	{"Microservices", nil, []string{"microservices", "microservice", "micro services"}},

	// Tooling.
	{"Git", nil, []string{"git"}},
	{"GitHub", nil, []string{"github"}},
	{"GitLab", nil, []string{"gitlab"}},
	{"Bitbucket", nil, []string{"bitbucket"}},
	{"GitHub Actions", nil, []string{"github actions"}},
	{"Jenkins", nil, []string{"jenkins"}},
	{"CircleCI", nil, []string{"circleci", "circle ci"}},
	{"Argo CD", nil, []string{"argocd", "argo cd"}},
	{"CI/CD", nil, []string{"ci/cd", "ci / cd", "cicd", "continuous integration", "continuous delivery", "continuous deployment"}},
	{"Jira", nil, []string{"jira"}},
	{"Confluence", nil, []string{"=Confluence"}},
	{"Figma", nil, []string{"figma"}},
	{"Sketch", skillGuardContext, []string{"?=Sketch"}},
	{"Adobe Photoshop", nil, []string{"photoshop"}},
	{"Adobe Illustrator", nil, []string{"=Illustrator", "adobe illustrator"}},
	{"Postman", nil, []string{"=Postman"}},
	{"Selenium", nil, []string{"selenium"}},
	{"Cypress", nil, []string{"=Cypress", "cypress.io"}},
	{"Playwright", nil, []string{"=Playwright"}},
	{"Jest", nil, []string{"=Jest"}},
	{"JUnit", nil, []string{"junit"}},
	{"pytest", nil, []string{"pytest"}},
	{"Storybook", nil, []string{"storybook"}},

	// Practices.
	{"Agile", nil, []string{"=Agile", "agile methodologies", "agile development"}},
	{"Scrum", nil, []string{"scrum"}},
	{"Kanban", nil, []string{"kanban"}},
	{"TDD", nil, []string{"tdd", "test-driven development", "test driven development"}},
	{"DevOps", nil, []string{"devops", "dev ops"}},
	{"OAuth", nil, []string{"oauth", "oauth2", "oauth 2.0"}},
	{"TCP/IP", nil, []string{"tcp/ip"}},
	{"Blockchain", nil, []string{"blockchain"}},
	{"Ethereum", nil, []string{"ethereum"}},
	{"Web3", nil, []string{"web3"}},

	// Business software.
	{"Salesforce", nil, []string{"salesforce"}},
	{"HubSpot", nil, []string{"hubspot"}},
	{"SAP", nil, []string{"=SAP", "sap s/4hana", "s/4hana"}},
	{"ServiceNow", nil, []string{"servicenow"}},
	{"Workday", nil, []string{"=Workday"}},
	{"Zendesk", nil, []string{"zendesk"}},
	{"NetSuite", nil, []string{"netsuite"}},
	{"QuickBooks", nil, []string{"quickbooks"}},
	{"Google Analytics", nil, []string{"google analytics", "=GA4"}},
}

// skillCertTaxonomy lists the certifications Certifications knows, in the
// order it reports them. Names are the certifying body's own titles.
var skillCertTaxonomy = []skillEntry{
	{"AWS Certified Solutions Architect", nil, []string{"aws certified solutions architect", "aws certified solution architect", "aws solutions architect certification", "aws solutions architect associate", "aws solutions architect professional", "aws solutions architect certified"}},
	{"AWS Certified Developer", nil, []string{"aws certified developer", "aws developer associate", "aws developer certification"}},
	{"AWS Certified SysOps Administrator", nil, []string{"aws certified sysops administrator", "aws certified sysops", "aws sysops administrator", "aws sysops"}},
	{"AWS Certified DevOps Engineer", nil, []string{"aws certified devops engineer", "aws devops engineer professional", "aws devops professional"}},
	{"AWS Certified Cloud Practitioner", nil, []string{"aws certified cloud practitioner", "aws cloud practitioner"}},
	{"AWS Certified Security", nil, []string{"aws certified security", "aws security specialty"}},
	{"AWS Certified Machine Learning", nil, []string{"aws certified machine learning", "aws machine learning specialty"}},
	{"AWS Certified Data Engineer", nil, []string{"aws certified data engineer", "aws certified data analytics", "aws certified big data"}},
	{"AWS Certified Advanced Networking", nil, []string{"aws certified advanced networking", "aws advanced networking specialty"}},
	{"AWS Certified", nil, []string{"aws certified", "aws certification", "aws certifications"}},
	{"Google Cloud Professional Cloud Architect", nil, []string{"professional cloud architect", "gcp cloud architect certification"}},
	{"Google Cloud Professional Data Engineer", nil, []string{"professional data engineer", "gcp data engineer certification"}},
	{"Google Cloud Professional Cloud Developer", nil, []string{"professional cloud developer"}},
	{"Google Cloud Professional Cloud DevOps Engineer", nil, []string{"professional cloud devops engineer"}},
	{"Google Cloud Professional Cloud Security Engineer", nil, []string{"professional cloud security engineer"}},
	{"Google Cloud Professional Machine Learning Engineer", nil, []string{"professional machine learning engineer"}},
	{"Google Cloud Associate Cloud Engineer", nil, []string{"associate cloud engineer"}},
	{"Google Cloud Certified", nil, []string{"google cloud certified", "google cloud certification", "gcp certified", "gcp certification", "gcp certifications", "google cloud certifications"}},
	{"Microsoft Certified: Azure Fundamentals (AZ-900)", nil, []string{"az 900", "azure fundamentals"}},
	{"Microsoft Certified: Azure Administrator Associate (AZ-104)", nil, []string{"az 104", "az 103", "azure administrator associate", "azure administrator certification"}},
	{"Microsoft Certified: Azure Developer Associate (AZ-204)", nil, []string{"az 204", "azure developer associate"}},
	{"Microsoft Certified: Azure Solutions Architect Expert (AZ-305)", nil, []string{"az 305", "az 303", "az 304", "azure solutions architect expert", "azure solutions architect certification"}},
	{"Microsoft Certified: DevOps Engineer Expert (AZ-400)", nil, []string{"az 400", "azure devops engineer expert"}},
	{"Microsoft Certified: Azure Security Engineer Associate (AZ-500)", nil, []string{"az 500", "azure security engineer associate"}},
	{"Microsoft Certified: Azure Data Engineer Associate (DP-203)", nil, []string{"dp 203", "azure data engineer associate"}},
	{"Microsoft Certified: Azure Data Fundamentals (DP-900)", nil, []string{"dp 900", "azure data fundamentals"}},
	{"Microsoft Certified: Azure AI Fundamentals (AI-900)", nil, []string{"=AI-900", "azure ai fundamentals"}},
	{"Microsoft Certified: Azure AI Engineer Associate (AI-102)", nil, []string{"=AI-102", "azure ai engineer associate"}},
	{"Microsoft Certified", nil, []string{"microsoft certified", "azure certification", "azure certifications", "azure certified", "microsoft certification", "microsoft certifications", "=MCSE", "=MCSA"}},
	{"Certified Kubernetes Administrator (CKA)", nil, []string{"=CKA", "certified kubernetes administrator"}},
	{"Certified Kubernetes Application Developer (CKAD)", nil, []string{"=CKAD", "certified kubernetes application developer"}},
	{"Certified Kubernetes Security Specialist (CKS)", nil, []string{"=CKS", "certified kubernetes security specialist"}},
	{"HashiCorp Certified: Terraform Associate", nil, []string{"terraform associate", "hashicorp certified", "terraform certification", "terraform certified"}},
	{"Red Hat Certified Engineer (RHCE)", nil, []string{"=RHCE", "red hat certified engineer"}},
	{"Red Hat Certified System Administrator (RHCSA)", nil, []string{"=RHCSA", "red hat certified system administrator"}},
	{"Linux Professional Institute Certification (LPIC)", nil, []string{"=LPIC", "=LPIC-1", "=LPIC-2"}},
	{"CISSP", nil, []string{"=CISSP", "certified information systems security professional"}},
	{"CISM", nil, []string{"=CISM", "certified information security manager"}},
	{"CISA", nil, []string{"=CISA", "certified information systems auditor"}},
	{"CCSP", nil, []string{"=CCSP", "certified cloud security professional"}},
	{"CSSLP", nil, []string{"=CSSLP"}},
	{"CompTIA Security+", nil, []string{"security+", "comptia security+", "comptia security plus", "sec+"}},
	{"CompTIA Network+", nil, []string{"network+", "comptia network+", "comptia network plus"}},
	{"CompTIA A+", skillGuardAPlus, []string{"comptia a+", "?=A+"}},
	{"CompTIA CySA+", nil, []string{"cysa+", "comptia cysa+"}},
	{"CompTIA PenTest+", nil, []string{"pentest+", "comptia pentest+"}},
	{"CompTIA Linux+", nil, []string{"linux+", "comptia linux+"}},
	{"CompTIA Cloud+", nil, []string{"cloud+", "comptia cloud+"}},
	{"CEH", nil, []string{"=CEH", "certified ethical hacker"}},
	{"OSCP", nil, []string{"=OSCP", "offensive security certified professional"}},
	{"OSCE", nil, []string{"=OSCE"}},
	{"GIAC", nil, []string{"=GIAC", "=GSEC", "=GCIH", "=GPEN", "=GCIA", "=GCFA"}},
	{"CCNA", nil, []string{"=CCNA", "cisco certified network associate"}},
	{"CCNP", nil, []string{"=CCNP", "cisco certified network professional"}},
	{"CCIE", nil, []string{"=CCIE", "cisco certified internetwork expert"}},
	{"ITIL", nil, []string{"=ITIL", "itil v3", "itil v4", "itil 4", "itil foundation"}},
	{"TOGAF", nil, []string{"=TOGAF"}},
	{"PMP", nil, []string{"=PMP", "project management professional"}},
	{"CAPM", nil, []string{"=CAPM", "certified associate in project management"}},
	{"PRINCE2", nil, []string{"prince2", "prince 2"}},
	{"PMI-ACP", nil, []string{"pmi-acp", "pmi acp"}},
	{"Certified ScrumMaster (CSM)", skillGuardCSM, []string{"certified scrummaster", "certified scrum master", "scrum master certification", "scrum master certified", "scrum master certificate", "?=CSM"}},
	{"Professional Scrum Master (PSM)", nil, []string{"professional scrum master", "=PSM", "=PSM I", "=PSM II"}},
	{"Certified Scrum Product Owner (CSPO)", nil, []string{"=CSPO", "certified scrum product owner"}},
	{"SAFe", nil, []string{"safe agilist", "=SAFe", "safe certification", "safe certified"}},
	{"Lean Six Sigma", nil, []string{"six sigma", "lean six sigma", "six sigma green belt", "six sigma black belt"}},
	{"ISTQB", nil, []string{"=ISTQB"}},
	{"CPA", skillGuardCPA, []string{"certified public accountant", "?=CPA"}},
	{"CFA", nil, []string{"=CFA", "chartered financial analyst"}},
	{"ACCA", nil, []string{"=ACCA"}},
	{"CIMA", nil, []string{"=CIMA"}},
	{"FRM", nil, []string{"=FRM", "financial risk manager"}},
	{"SHRM-CP", nil, []string{"shrm-cp", "shrm cp"}},
	{"SHRM-SCP", nil, []string{"shrm-scp", "shrm scp"}},
	{"PHR", nil, []string{"=PHR"}},
	{"SPHR", nil, []string{"=SPHR"}},
	{"Salesforce Certified", nil, []string{"salesforce certified", "salesforce certification", "salesforce certifications", "salesforce administrator certification", "salesforce certified administrator"}},
	{"Databricks Certified", nil, []string{"databricks certified", "databricks certification"}},
	{"SnowPro", nil, []string{"snowpro"}},
	{"Oracle Certified Professional", nil, []string{"oracle certified professional", "=OCP", "oracle certified"}},
	{"BLS", nil, []string{"=BLS", "basic life support"}},
	{"ACLS", nil, []string{"=ACLS", "advanced cardiovascular life support"}},
}

var (
	skillIndex  skillScanner
	skillCerts  skillScanner
	skillNames  []string
	certNames   []string
	skillByName map[string]bool
)

func init() {
	skillNames = make([]string, len(skillTaxonomy))
	skillByName = make(map[string]bool, len(skillTaxonomy))
	for i, e := range skillTaxonomy {
		skillNames[i] = e.name
		skillByName[e.name] = true
		for _, p := range e.phrases {
			skillIndex.skillAdd(p, i, e.guard)
		}
	}
	certNames = make([]string, len(skillCertTaxonomy))
	for i, e := range skillCertTaxonomy {
		certNames[i] = e.name
		for _, p := range e.phrases {
			skillCerts.skillAdd(p, i, e.guard)
		}
	}
}

// Skills returns the canonical names of the technologies found in text, in
// taxonomy order, each once; nil when none is found. Matching respects
// word boundaries ("Java" is not found in "JavaScript", "C" not in "C++")
// and guards ambiguous names: the language Go only as "Golang" or a
// capital "Go" in a technical context ("Go, Python", "in Go", "Go
// developer"), never "go to" or "let's go"; likewise R, C, Rust, Swift,
// Spark, Rails, Express, Flask, Chef and Puppet.
func Skills(text string) []string {
	return skillCollect(&skillIndex, skillNames, text)
}

// Certifications returns the canonical names of the named certifications
// found in text (AWS Certified …, CKA, CISSP, PMP, CompTIA Security+, …),
// in taxonomy order, each once; nil when none is found.
func Certifications(text string) []string {
	return skillCollect(&skillCerts, certNames, text)
}

// SkillNames returns the canonical names of the skill taxonomy in order;
// the slice is a copy.
func SkillNames() []string {
	return append([]string(nil), skillNames...)
}

// CanonicalSkill returns the canonical name of the one skill that name
// stands for: a name of the taxonomy in any case ("go", "aws"), or the one
// skill Skills finds in name ("Golang", "k8s", "Amazon Web Services").
// It returns false when name is no skill, or several.
func CanonicalSkill(name string) (string, bool) {
	name = strings.TrimSpace(name)
	for _, n := range skillNames {
		if strings.EqualFold(n, name) {
			return n, true
		}
	}
	if found := Skills(name); len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// CertificationNames returns the canonical names of the certification
// taxonomy in order; the slice is a copy.
func CertificationNames() []string {
	return append([]string(nil), certNames...)
}

func skillCollect(sc *skillScanner, names []string, text string) []string {
	// Up to 256 entries are tracked in a fixed bit set; the taxonomies are
	// smaller than that (checked by a test).
	var seen [4]uint64
	n := 0
	sc.skillScan(text, func(m skillMatch) {
		w, b := m.id/64, uint(m.id%64)
		if seen[w]&(1<<b) == 0 {
			seen[w] |= 1 << b
			n++
		}
	})
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for i := range names {
		if seen[i/64]&(1<<uint(i%64)) != 0 {
			out = append(out, names[i])
		}
	}
	return out
}

// skillRoleWords are words that, following an ambiguous name, make it a
// technology: "Go developer", "Rust experience", "Swift code".
var skillRoleWords = map[string]bool{
	"developer": true, "developers": true, "engineer": true, "engineers": true,
	"programming": true, "programmer": true, "programmers": true, "language": true,
	"languages": true, "code": true, "codebase": true, "codebases": true,
	"experience": true, "services": true, "service": true, "microservices": true,
	"backend": true, "back-end": true, "stack": true, "skills": true, "expertise": true,
	"knowledge": true, "proficiency": true, "dev": true, "devs": true, "library": true,
	"libraries": true, "modules": true, "applications": true, "apps": true,
	"ecosystem": true, "toolchain": true, "sdk": true, "framework": true,
	"development": true, "cookbooks": true, "manifests": true, "jobs": true,
	"streaming": true, "clusters": true, "cluster": true, "charts": true, "chart": true,
	"(golang)": true, "ui": true, "packages": true, "scripts": true, "scripting": true,
}

// skillLeadWords are words that, before an ambiguous name, make it a
// technology: "in Go", "with Rust", "using Spark".
var skillLeadWords = map[string]bool{
	"in": true, "with": true, "using": true, "like": true, "including": true,
	"e.g.": true, "e.g": true, "eg": true, "proficient": true, "fluent": true,
	"write": true, "writing": true, "written": true, "via": true,
}

// skillGuardContext accepts an ambiguous capitalised name (already matched
// case-sensitively) only in a technical context: a neighbouring technology
// across list punctuation or "and"/"or" ("Python, Go", "Go/Rust", "Go and
// Rust"), parentheses around it ("Engineer (Go)"), a role word after it
// ("Go developer") or a lead word before it ("in Go", "with Rust").
func skillGuardContext(s string, start, end int) bool {
	nb, ni := skillNextByte(s, end)
	pb, pi := skillPrevByte(s, start)
	if pb == '(' && nb == ')' {
		return true
	}
	if skillIsListPunct(nb) && skillSkillAfter(s, skillSkipConj(s, ni+1)) {
		// "Spark, Hadoop", "Dask, Spark, and MapReduce".
		return true
	}
	if (skillIsListPunct(pb) || pb == '(' || pb == ':') && pi >= 0 && skillSkillBefore(s, pi) {
		return true
	}
	after := skillWordAfter(s, end)
	la := skillLowerWord(after)
	if skillRoleWords[la] {
		return true
	}
	if la == "and" || la == "or" {
		if skillSkillAfter(s, ni+len(after)) {
			return true
		}
	} else if ni < len(s) && skillIsWordByte(s[ni]) && skillSkillAfter(s, ni) {
		// "C C++ Linux developer", "Spark Streaming".
		return true
	}
	before := skillWordBefore(s, start)
	lb := skillLowerWord(before)
	if skillLeadWords[lb] || skillExposureTo(s, start) {
		return true
	}
	if lb == "and" || lb == "or" {
		return skillSkillBefore(s, pi+1-len(before))
	}
	return pi >= 0 && skillIsWordByte(s[pi]) && skillSkillBefore(s, pi+1)
}

// skillExposureTo reports whether the name at start follows "exposure to"
// or a like phrase: "Exposure to Go", "an introduction to Spark".
func skillExposureTo(s string, start int) bool {
	before := skillWordBefore(s, start)
	if !skillIn(before, "to") {
		return false
	}
	return skillIn(skillWordBefore(s, start-len(before)-skillSpacesBefore(s, start)), "exposure", "introduction",
		"contributions", "contributing", "migrating", "migration", "contribute")
}

// skillSpacesBefore returns how many spaces end at i.
func skillSpacesBefore(s string, i int) int {
	k := i
	for k > 0 && skillIsSpace(s[k-1]) {
		k--
	}
	return i - k
}

func skillIsListPunct(b byte) bool {
	return b == ',' || b == '/' || b == '|' || b == ';' || b == '&' || b == ')'
}

// skillSkillAfter reports whether a technology name starts at the first
// non-space byte at or after i. Guards are not consulted (case is), so
// two ambiguous names vouch for each other ("Go and Rust").
func skillSkillAfter(s string, i int) bool {
	for i < len(s) && skillIsSpace(s[i]) {
		i++
	}
	return skillSkillAt(s, i)
}

// skillSkillBefore reports whether the token ending at e (spaces skipped)
// starts a technology name: "Node.js", "C++", "Python".
func skillSkillBefore(s string, e int) bool {
	for e > 0 && skillIsSpace(s[e-1]) {
		e--
	}
	// "Dask, and Spark": one list comma before the conjunction.
	if e > 0 && s[e-1] == ',' {
		e--
		for e > 0 && skillIsSpace(s[e-1]) {
			e--
		}
	}
	k := e
	for k > 0 && (skillIsWordByte(s[k-1]) || s[k-1] == '.' || s[k-1] == '+' || s[k-1] == '#' || s[k-1] == '-') {
		k--
	}
	for k < e && (s[k] == '+' || s[k] == '#' || s[k] == '-') {
		k++
	}
	return k < e && skillSkillAt(s, k)
}

// skillSkillAt reports whether a skill phrase matches at s[k:], ignoring
// guards.
func skillSkillAt(s string, k int) bool {
	if k >= len(s) {
		return false
	}
	dot := s[k] == '.'
	if dot {
		k++
	}
	j := k
	for j < len(s) && skillIsWordByte(s[j]) {
		j++
	}
	if j == k || j-k > 32 {
		return false
	}
	var buf [32]byte
	for i := k; i < j; i++ {
		buf[i-k] = skillLower(s[i])
	}
	cands := skillIndex.byKey[string(buf[:j-k])]
	for c := range cands {
		ph := &cands[c]
		if ph.dot != dot {
			continue
		}
		start := k
		if dot {
			start--
		}
		if _, ok := skillMatchAt(s, start, ph); ok {
			return true
		}
	}
	return false
}

// skillGuardGo rejects the verb: "Go-to-market", "go to", "Let's Go",
// "Go ahead", then asks for a technical context.
func skillGuardGo(s string, start, end int) bool {
	if end < len(s) && (s[end] == '-' || s[end] == '!' || s[end] == '\'') {
		return false
	}
	if skillIn(skillWordAfter(s, end), "to", "ahead", "live", "back", "beyond", "get", "out", "further", "above", "through",
		"on", "for", "from", "into", "there", "here", "home", "forward", "fast", "big", "green", "hand", "the", "a", "with", "all", "far", "deep", "down", "up") {
		return false
	}
	if !skillExposureTo(s, start) && skillIn(skillWordBefore(s, start), "let's", "lets", "let", "to", "will", "can", "must", "could", "should", "would", "we", "you", "they", "i", "ready", "set", "on", "the") {
		return false
	}
	return skillGuardContext(s, start, end)
}

// skillGuardC accepts a capital standalone "C" in a list of languages or
// as "in C", "C programming"; never "C-level", "C-suite", "Series C",
// "C." initials or "C's".
func skillGuardC(s string, start, end int) bool {
	if end < len(s) && (s[end] == '-' || s[end] == '\'' || s[end] == '.' || s[end] == '&' || s[end] == '$') {
		return false
	}
	if start > 0 && (s[start-1] == '-' || s[start-1] == '&' || s[start-1] == '$' || s[start-1] == '\'') {
		return false
	}
	before := skillWordBefore(s, start)
	if skillIn(before, "series", "vitamin", "grade", "level", "class", "tier", "type", "plan", "section", "part",
		"round", "division", "category", "team", "group", "option", "block", "building", "floor", "suite", "unit",
		"form", "schedule", "exhibit", "appendix", "model", "phase", "step", "stage", "item", "row", "column",
		"priority", "band", "pay", "grade:", "vitamins") {
		return false
	}
	return skillGuardContext(s, start, end)
}

// skillGuardR accepts a capital standalone "R" like skillGuardC does, and
// never in "R&D", "R'n'B" or an initial.
func skillGuardR(s string, start, end int) bool {
	if end < len(s) && (s[end] == '&' || s[end] == '\'' || s[end] == '.' || s[end] == '-' || s[end] == '$') {
		return false
	}
	if start > 0 && (s[start-1] == '&' || s[start-1] == '-' || s[start-1] == '\'') {
		return false
	}
	return skillGuardC(s, start, end)
}

// skillGuardExcel rejects the verb: "Excel at", "Excel in", "to excel".
// Written in lower case, "excel" is the software only with a word that
// says so around it: "strong excel and database skills", "advanced
// excel", "excel spreadsheets", "SQL, excel", "proficient in excel".
func skillGuardExcel(s string, start, end int) bool {
	after := skillWordAfter(s, end)
	if skillIn(after, "at", "in", "as", "with", "under", "when", "and grow", "across", "beyond", "within") {
		return false
	}
	before := skillWordBefore(s, start)
	if skillIn(before, "to", "will", "can", "you'll", "youll", "and", "help", "helps", "helping", "who", "we") {
		if !(skillIn(before, "and") && skillSkillBefore(s, start-len(before)-skillSpacesBefore(s, start))) {
			return false
		}
	}
	if s[start] == 'E' {
		return true
	}
	if skillIn(before, "ms", "microsoft", "advanced", "strong", "expert", "intermediate", "basic", "solid", "good",
		"excellent", "using", "proficient", "proficiency", "knowledge", "skills", "experience", "expertise", "of") {
		return true
	}
	if skillIn(before, "in") && skillIn(skillWordBefore(s, start-len(before)-skillSpacesBefore(s, start)),
		"proficient", "proficiency", "skilled", "experience", "expertise", "fluent", "fluency", "competent", "competence") {
		return true
	}
	la := skillLowerWord(after)
	if skillIn(la, "skills", "skill", "spreadsheets", "spreadsheet", "formulas", "formula", "macros", "vba", "pivot",
		"sheets", "models", "modelling", "modeling", "reporting", "dashboards", "workbooks", "proficiency", "knowledge", "experience") {
		return true
	}
	if la == "and" {
		// "excel and database skills", "excel and powerpoint".
		rest := skillWordAfter(s, end+strings.Index(s[end:], after)+len(after))
		if skillIn(rest, "powerpoint", "word", "database", "databases", "sql", "google", "data", "access") {
			return true
		}
	}
	return skillGuardContext(s, start, end)
}

// skillNear reports whether any of words occurs (ASCII case-insensitively)
// within 80 bytes of s[start:end].
func skillNear(s string, start, end int, words ...string) bool {
	lo, hi := max(start-80, 0), min(end+80, len(s))
	w := s[lo:hi]
	for _, x := range words {
		if skillContainsFold(w, x) {
			return true
		}
	}
	return false
}

// skillContainsFold reports whether sub (lower case ASCII) occurs in s,
// ignoring ASCII case.
func skillContainsFold(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		k := 0
		for k < n && skillLower(s[i+k]) == sub[k] {
			k++
		}
		if k == n {
			return true
		}
	}
	return false
}

// skillGuardAPlus accepts "A+" only near other CompTIA names or a word
// about certification ("A+ certification", "Network+, A+").
func skillGuardAPlus(s string, start, end int) bool {
	return skillNear(s, start, end, "network+", "security+", "comptia", "certif")
}

// skillGuardCSM accepts "CSM" only near "scrum" (a Customer Success
// Manager is also a CSM).
func skillGuardCSM(s string, start, end int) bool {
	return skillNear(s, start, end, "scrum", "agile")
}

// skillGuardCPA accepts "CPA" only as the accountancy licence, not the
// marketing metric (cost per acquisition).
func skillGuardCPA(s string, start, end int) bool {
	if skillNear(s, start, end, "roas", "cpc", "cpm", "ctr", "cac", "cost per") {
		return false
	}
	return skillNear(s, start, end, "account", "certif", "licens", "designation", "cfa", "acca", "audit", "tax")
}

// skillLowerWord lower-cases ASCII letters of a short word without allocating
// when it is already lower case.
func skillLowerWord(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' {
			b := []byte(w)
			for k := i; k < len(b); k++ {
				b[k] = skillLower(b[k])
			}
			return string(b)
		}
	}
	return w
}

// skillSkipConj returns the index after an "and" or "or" that starts at
// the first non-space byte at or after i, else i.
func skillSkipConj(s string, i int) int {
	w := skillWordAfter(s, i)
	if skillIn(w, "and", "or") {
		return strings.Index(s[i:], w) + i + len(w)
	}
	return i
}
